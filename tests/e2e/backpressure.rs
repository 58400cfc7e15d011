//! Backpressure: while more steps wait for workers than the server is
//! configured to hold, new tasks are refused with UNAVAILABLE and a
//! RetryInfo (REST: 503 with Retry-After); once workers catch up, they are
//! admitted again.

use std::time::Duration;

use prost::Message as _;
use tasker_e2e::{Backend, TestResult, TestServer, TestWorker};
use tasker_proto::pb::google::rpc;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::*;
use tonic::Code;

fn linear() -> CreateTaskRequest {
    CreateTaskRequest {
        namespace: "examples".into(),
        name: "linear".into(),
        context: Some(pbjson_types::Struct {
            fields: [(
                "n".to_owned(),
                pbjson_types::Value {
                    kind: Some(pbjson_types::value::Kind::StringValue(
                        uuid::Uuid::now_v7().to_string(),
                    )),
                },
            )]
            .into(),
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_full_ready_backlog_sheds_new_tasks_until_workers_catch_up() -> TestResult {
    let templates = tasker_e2e::repo_root().join("config/templates");
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", &templates.to_string_lossy()),
            ("TASKER_WORKERS__MAX_READY_STEPS", "3"),
        ],
    )
    .await?;
    let mut tasks = TaskServiceClient::new(server.channel().await?);
    // No worker: each linear task leaves one ready step. The count refreshes
    // every second, so creations go on until it notices.
    let mut created = 0;
    let refused = loop {
        match tasks.create_task(linear()).await {
            Ok(_) => created += 1,
            Err(status) => break status,
        }
        assert!(created < 100, "never refused");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(created >= 3, "refused after {created}: {refused:?}");
    assert_eq!(refused.code(), Code::Unavailable, "{refused:?}");
    assert!(
        refused.message().contains("limit 3"),
        "{}",
        refused.message()
    );
    let details = rpc::Status::decode(refused.details())?;
    let retry = details
        .details
        .iter()
        .find(|d| d.type_url.ends_with("/google.rpc.RetryInfo"))
        .ok_or("no RetryInfo")?;
    let retry = rpc::RetryInfo::decode(retry.value.as_ref())?;
    assert!(retry.retry_delay.is_some_and(|d| d.seconds >= 1));

    // The REST door answers the same refusal as 503 with Retry-After.
    let response = server
        .http()?
        .post(format!("{}/v1/tasks", server.url()))
        .json(&serde_json::json!({"namespace": "examples", "name": "linear"}))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 503);
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );

    // Reads still work, and a worker drains the backlog; creation resumes.
    let listed = tasks
        .list_tasks(ListTasksRequest::default())
        .await?
        .into_inner();
    assert_eq!(listed.tasks.len(), created);
    let worker = TestWorker::start(&server, "[examples]").await?;
    let mut admitted = false;
    for _ in 0..100 {
        if tasks.create_task(linear()).await.is_ok() {
            admitted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        admitted,
        "never admitted again; worker:\n{}",
        worker.output()
    );
    Ok(())
}
