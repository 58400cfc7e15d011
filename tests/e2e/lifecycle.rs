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
