//! Start-up configuration and shutdown of the real binary.

use std::process::Stdio;
use std::time::{Duration, Instant};

use tasker_e2e::{Backend, TestResult, TestServer, server_command};
use tasker_proto::v1::CheckRequest;
use tasker_proto::v1::health_service_client::HealthServiceClient;

#[tokio::test]
async fn sigterm_shuts_down_gracefully() -> TestResult {
    let mut server = TestServer::start().await?;
    {
        let mut client = HealthServiceClient::new(server.channel().await?);
        client.check(CheckRequest {}).await?;
    }
    let started = Instant::now();
    let status = server.terminate().await?;
    assert!(
        status.success(),
        "exit status {status}; output:\n{}",
        server.output()
    );
    let output = server.output();
    assert!(
        output.contains("shutting down") && output.contains("stopped"),
        "{output}"
    );
    assert!(
        !output.contains("grace period over"),
        "no connection was left open: {output}"
    );
    // Not a timing assertion on speed: the default grace period is 10 s, and a
    // server without open connections must not wait for it.
    assert!(
        started.elapsed() < Duration::from_secs(9),
        "waited for the grace period"
    );
    Ok(())
}

#[tokio::test]
async fn an_idle_connection_does_not_hold_shutdown_past_the_grace_period() -> TestResult {
    let mut server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__SHUTDOWN_GRACE_SECONDS", "1")],
    )
    .await?;
    let mut client = HealthServiceClient::new(server.channel().await?);
    client.check(CheckRequest {}).await?;
    let status = server.terminate().await?;
    assert!(
        status.success(),
        "exit status {status}; output:\n{}",
        server.output()
    );
    assert!(server.output().contains("stopped"), "{}", server.output());
    drop(client);
    Ok(())
}

#[tokio::test]
async fn invalid_settings_are_refused_at_start_naming_the_setting() -> TestResult {
    let data_dir = tempfile::tempdir()?;
    for (var, value, named) in [
        ("TASKER_SERVER__BIND", "localhost-9090", "bind"),
        (
            "TASKER_STORAGE__DATABASE_URL",
            "mysql://db/tasker",
            "storage.database_url",
        ),
        ("TASKER_LOG__FORMAT", "xml", "format"),
        ("TASKER_ENVIRONMENT", "prod", "environment"),
    ] {
        let output = server_command(data_dir.path())?
            .env(var, value)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()?;
        assert!(!output.status.success(), "{var}={value} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(named), "{var}={value}: {stderr}");
    }
    Ok(())
}

#[tokio::test]
async fn a_config_file_layer_is_applied() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("tasker.toml");
    std::fs::write(&file, "environment = \"staging\"\n")?;
    let file = file.to_string_lossy().into_owned();
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_CONFIG", &file), ("TASKER_ENVIRONMENT", "")],
    )
    .await?;
    let mut client = HealthServiceClient::new(server.channel().await?);
    let detailed = client
        .detailed_health(tasker_proto::v1::DetailedHealthRequest {})
        .await?
        .into_inner();
    assert_eq!(detailed.environment, "staging");
    Ok(())
}

/// A relative `templates.directory` in a configuration file is taken
/// relative to that file, not to the directory the server starts from, and
/// the templates in it are registered at start.
#[tokio::test]
async fn a_templates_directory_is_found_next_to_its_config_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let etc = dir.path().join("etc");
    std::fs::create_dir_all(etc.join("templates"))?;
    std::fs::write(
        etc.join("templates/here.yaml"),
        "namespace: located\nname: here\nversion: 1.0.0\nsteps:\n  - {name: a, handler: noop}\n",
    )?;
    let file = etc.join("tasker.toml");
    std::fs::write(&file, "[templates]\ndirectory = \"templates\"\n")?;
    let file = file.to_string_lossy().into_owned();
    // The server's working directory (the test's) has no `templates`.
    assert!(!std::path::Path::new("templates").exists());
    let server = TestServer::start_with(Backend::Sqlite, &[("TASKER_CONFIG", &file)]).await?;
    let answer: serde_json::Value = server
        .http()?
        .get(format!("{}/v1/templates/located/here/1.0.0", server.url()))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(answer["template"]["name"], "here", "{answer}");
    let output = server.output();
    assert!(
        !output.contains("templates.directory cannot be read"),
        "{output}"
    );
    Ok(())
}

/// The first line of the server's standard output that mentions
/// `listening`, read from `command` (started with stdout piped), then the
/// process is stopped with SIGTERM sent to `pid_of(child)`.
async fn first_listening_line(
    mut command: std::process::Command,
    pid_of: fn(u32) -> Option<u32>,
) -> TestResult<String> {
    use std::io::BufRead as _;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = tokio::task::spawn_blocking(move || {
        std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find(|line| line.contains("listening"))
    });
    let line = tokio::time::timeout(Duration::from_secs(30), reader).await;
    let mut target = None;
    for _ in 0..50 {
        target = pid_of(child.id());
        if target.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if let Some(pid) = target {
        std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()?;
    }
    let _ = child.kill();
    let _ = child.wait();
    let line = line.map_err(|_| "the server did not report listening within 30 s")??;
    Ok(line.ok_or("the server's output ended before it listened")?)
}

/// Log lines are coloured on a terminal and plain text anywhere else: the
/// default (`pretty`) format written to a pipe has no ANSI escape, written
/// to a terminal (a pseudo-terminal from util-linux `script`) it has.
#[tokio::test]
async fn log_lines_are_coloured_only_on_a_terminal() -> TestResult {
    let pretty = |dir: &std::path::Path| -> TestResult<std::process::Command> {
        let mut command = server_command(dir)?;
        command
            .env("TASKER_LOG__FORMAT", "pretty")
            .env("TASKER_AUTH__BOOTSTRAP_ADMIN_KEY", "false");
        Ok(command)
    };

    let piped_dir = tempfile::tempdir()?;
    let piped = first_listening_line(pretty(piped_dir.path())?, Some).await?;
    assert!(!piped.contains('\u{1b}'), "ANSI codes in a pipe: {piped:?}");

    // The same server under `script`, its output a terminal. `exec` makes
    // the server `script`'s only child, the process stopped afterwards.
    let terminal_dir = tempfile::tempdir()?;
    let base = pretty(terminal_dir.path())?;
    let binary = base.get_program().to_string_lossy().replace('\'', r"'\''");
    let mut command = std::process::Command::new("script");
    command.args(["-q", "-e", "-c", &format!("exec '{binary}'"), "/dev/null"]);
    for (key, value) in base.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let child_of = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .ok()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };
    let on_terminal = first_listening_line(command, child_of).await?;
    assert!(
        on_terminal.contains("\u{1b}["),
        "no colour on a terminal: {on_terminal:?}"
    );
    Ok(())
}
