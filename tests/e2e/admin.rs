//! `tasker-server admin create-key`: the operator's way back in when no key
//! that can manage keys is left, working on the database with no API call.

use serde_json::Value;
use tasker_e2e::{Backend, TestResult, TestServer, on_both_backends};

/// Runs `tasker-server admin create-key <args>` on `server`'s database.
fn create_key(server: &TestServer, args: &[&str]) -> TestResult<std::process::Output> {
    let mut command = tasker_e2e::server_command(server.data_dir())?;
    if let Some(url) = server.database_url() {
        command.env("TASKER_STORAGE__DATABASE_URL", url);
    }
    Ok(command.args(["admin", "create-key"]).args(args).output()?)
}

async fn whoami(server: &TestServer, key: &str) -> TestResult<(u16, Value)> {
    let response = reqwest::Client::new()
        .get(format!("{}/v1/auth/whoami", server.url()))
        .header("x-api-key", key)
        .send()
        .await?;
    Ok((response.status().as_u16(), response.json().await?))
}

async fn an_operator_creates_a_key_on_the_database(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let output = create_key(
        &server,
        &["--permissions", "tasks:read,steps:*", "--namespaces", "ops"],
    )?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let key = String::from_utf8(output.stdout)?.trim().to_owned();
    assert!(key.starts_with("tk_"), "only the key on stdout: {key:?}");
    assert!(!stderr.contains(&key), "the key is printed once: {stderr}");

    // The running server takes it at once, with what was granted.
    let (status, me) = whoami(&server, &key).await?;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        me["permissions"],
        serde_json::json!(["steps:*", "tasks:read"])
    );
    assert_eq!(me["namespaces"], serde_json::json!(["ops"]));

    // Bad input is refused with the reason, and nothing is stored.
    let listed = |server: &TestServer| {
        let url = format!("{}/v1/auth/apiKeys", server.url());
        let client = server.http();
        async move {
            let answer: Value = client?.get(url).send().await?.json().await?;
            TestResult::Ok(answer["apiKeys"].as_array().map_or(0, Vec::len))
        }
    };
    let before = listed(&server).await?;
    for (args, reason) in [
        (&["--permissions", "tasks:fly"][..], "tasks:fly"),
        (
            &["--permissions", "*", "--namespaces", ","][..],
            "namespace",
        ),
    ] {
        let output = create_key(&server, args)?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} was accepted");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
    let missing = create_key(&server, &[])?;
    assert_eq!(missing.status.code(), Some(2), "clap usage error");
    assert_eq!(listed(&server).await?, before, "a refused key was stored");
    Ok(())
}

on_both_backends!(an_operator_creates_a_key_on_the_database =>
    an_operator_creates_a_key_on_sqlite,
    an_operator_creates_a_key_on_postgres);
