//! Durability: a server killed with SIGKILL in the middle of a stream of
//! creations loses no acknowledged task and duplicates none.

use std::collections::HashSet;
use std::time::Duration;

use tasker_e2e::{Backend, TestResult, TestServer};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::{
    CreateTaskRequest, GetTaskRequest, RegisterTemplateRequest, register_template_request,
};

const TEMPLATE: &str =
    "namespace: durable\nname: one\nversion: 1.0.0\nsteps:\n  - {name: only, handler: nobody}\n";

async fn kill_during_creations_loses_nothing(backend: Backend) -> TestResult {
    let mut server = TestServer::start_with(backend, &[]).await?;
    TemplateServiceClient::new(server.channel().await?)
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(TEMPLATE.into())),
        })
        .await?;
    let mut acknowledged: Vec<(String, String)> = Vec::new();
    for round in 0..3 {
        let channel = server.channel().await?;
        let creator = tokio::spawn(async move {
            let mut client = TaskServiceClient::new(channel);
            let mut acked = Vec::new();
            for i in 0.. {
                let key = format!("round-{round}-{i}");
                match client
                    .create_task(CreateTaskRequest {
                        namespace: "durable".into(),
                        name: "one".into(),
                        idempotency_key: key.clone(),
                        ..Default::default()
                    })
                    .await
                {
                    Ok(response) => acked.push((
                        key,
                        response.into_inner().task.unwrap_or_default().task_uuid,
                    )),
                    Err(_) => break,
                }
            }
            acked
        });
        tokio::time::sleep(Duration::from_millis(400)).await;
        server.crash_and_restart(&[]).await?;
        let acked = tokio::time::timeout(Duration::from_secs(10), creator).await??;
        assert!(
            !acked.is_empty(),
            "round {round}: nothing was created before the kill"
        );
        acknowledged.extend(acked);
    }
    let mut client = TaskServiceClient::new(server.channel().await?);
    let mut seen = HashSet::new();
    for (key, uuid) in &acknowledged {
        let task = client
            .get_task(GetTaskRequest {
                task_uuid: uuid.clone(),
            })
            .await;
        assert!(
            task.is_ok(),
            "acknowledged task {uuid} ({key}) was lost after SIGKILL"
        );
        assert!(seen.insert(uuid.clone()), "task {uuid} acknowledged twice");
        // Re-creating with the same key finds the same task: not duplicated.
        let again = client
            .create_task(CreateTaskRequest {
                namespace: "durable".into(),
                name: "one".into(),
                idempotency_key: key.clone(),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert_eq!(again.code(), tonic::Code::AlreadyExists);
        assert!(again.message().contains(uuid.as_str()));
    }
    Ok(())
}

#[tokio::test]
async fn sigkill_loses_no_acknowledged_task_on_sqlite() -> TestResult {
    kill_during_creations_loses_nothing(Backend::Sqlite).await
}

#[tokio::test]
async fn sigkill_loses_no_acknowledged_task_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    kill_during_creations_loses_nothing(Backend::Postgres).await
}
