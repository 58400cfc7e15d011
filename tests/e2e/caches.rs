//! The server's caches never serve what was replaced: a template version
//! registered on a server is what its next creation (naming no version)
//! uses, at once; registered on another server sharing the PostgreSQL
//! database, within the documented second.

use std::time::{Duration, Instant};

use tasker_e2e::{AuthChannel, Backend, TestResult, TestServer, on_both_backends};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::*;

fn template(version: &str, steps: usize) -> RegisterTemplateRequest {
    let mut yaml = format!("namespace: cache\nname: grows\nversion: {version}\nsteps:\n");
    for i in 0..steps {
        yaml.push_str(&format!("  - {{name: s{i}, handler: h}}\n"));
    }
    RegisterTemplateRequest {
        source: Some(register_template_request::Source::Yaml(yaml)),
    }
}

/// Creates a task of the newest version; its version and number of steps.
async fn create_newest(channel: &AuthChannel) -> TestResult<(String, i32)> {
    let task = TaskServiceClient::new(channel.clone())
        .create_task(CreateTaskRequest {
            namespace: "cache".into(),
            name: "grows".into(),
            idempotency_key: tasker_core::new_uuid().to_string(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    Ok((task.version, task.step_counts.unwrap_or_default().total))
}

async fn a_new_version_is_used_by_the_next_creation(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let channel = server.channel().await?;
    let mut templates = TemplateServiceClient::new(channel.clone());
    templates.register_template(template("1.0.0", 1)).await?;
    // Warm the cache with the newest version, then replace it.
    for _ in 0..3 {
        assert_eq!(create_newest(&channel).await?, ("1.0.0".into(), 1));
    }
    templates.register_template(template("1.1.0", 2)).await?;
    assert_eq!(create_newest(&channel).await?, ("1.1.0".into(), 2));
    // Naming an older version still gets that version.
    let old = TaskServiceClient::new(channel.clone())
        .create_task(CreateTaskRequest {
            namespace: "cache".into(),
            name: "grows".into(),
            version: "1.0.0".into(),
            idempotency_key: "old".into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    assert_eq!(old.version, "1.0.0");
    Ok(())
}

on_both_backends!(a_new_version_is_used_by_the_next_creation =>
    a_new_version_is_used_at_once_on_sqlite,
    a_new_version_is_used_at_once_on_postgres);

#[tokio::test]
async fn a_version_registered_on_another_server_is_used_within_a_second() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    let (a, b) = TestServer::start_pair_on_postgres(&[]).await?;
    let key = a
        .printed_admin_keys()
        .into_iter()
        .chain(b.printed_admin_keys())
        .next()
        .ok_or("no admin key printed")?;
    let with_key = |channel: tonic::transport::Channel| {
        tonic::service::interceptor::InterceptedService::new(
            channel,
            tasker_e2e::ApiKeyInterceptor::new(&key),
        )
    };
    let (on_a, on_b) = (
        with_key(a.raw_channel().await?),
        with_key(b.raw_channel().await?),
    );
    TemplateServiceClient::new(on_a.clone())
        .register_template(template("1.0.0", 1))
        .await?;
    for _ in 0..3 {
        assert_eq!(create_newest(&on_b).await?, ("1.0.0".into(), 1));
    }
    TemplateServiceClient::new(on_a)
        .register_template(template("2.0.0", 3))
        .await?;
    let registered = Instant::now();
    loop {
        let (version, steps) = create_newest(&on_b).await?;
        if version == "2.0.0" {
            assert_eq!(steps, 3);
            break;
        }
        assert!(
            registered.elapsed() < Duration::from_millis(1_500),
            "server b still creates {version} {:?} after the registration on a",
            registered.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}
