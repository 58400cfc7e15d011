//! Cancellation: requests abandoned by their clients at random points — a
//! gRPC call dropped (h2 `RST_STREAM`), a REST request on HTTP/1.1 whose
//! connection is reset, a REST request on h2 whose stream is reset — never
//! stop the server's writer. Afterwards every acknowledged task is there and
//! a new write is accepted within a second, on both backends, and no
//! PostgreSQL connection is left inside a transaction.

use std::time::Duration;

use tasker_e2e::{Backend, TestResult, TestServer, on_both_backends};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::{
    CreateTaskRequest, GetTaskRequest, RegisterTemplateRequest, register_template_request,
};
use tokio::io::AsyncWriteExt as _;

const TEMPLATE: &str = "namespace: abandon\nname: two\nversion: 1.0.0\nsteps:\n  - {name: a, handler: nobody}\n  - {name: b, handler: nobody, depends_on: [a]}\n";

/// A random delay of up to `max_micros`, after which a request is abandoned.
fn jitter(max_micros: u64) -> Duration {
    Duration::from_micros(fastrand::u64(..max_micros))
}

fn body(key: &str) -> String {
    format!(
        r#"{{"namespace":"abandon","name":"two","idempotencyKey":"{key}","context":{{"key":"{key}"}}}}"#
    )
}

/// Sends a REST creation over a fresh HTTP/1.1 connection and resets the
/// connection (`SO_LINGER` 0) after `after`, answer or not.
async fn rest_h1_reset(server: &TestServer, key: &str, after: Duration) -> TestResult {
    let stream = tokio::net::TcpStream::connect(server.addr()).await?;
    stream.set_zero_linger()?;
    let mut stream = stream;
    let body = body(key);
    let request = format!(
        "POST /v1/tasks HTTP/1.1\r\nhost: {}\r\nx-api-key: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        server.addr(),
        server.admin_key(),
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    tokio::time::sleep(after).await;
    drop(stream);
    Ok(())
}

/// Reads the task uuid out of a creation's JSON answer.
fn created_uuid(json: &serde_json::Value) -> Option<String> {
    json["task"]["taskUuid"].as_str().map(str::to_owned)
}

async fn abandoned_requests_never_stop_the_writer(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    TemplateServiceClient::new(server.channel().await?)
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(TEMPLATE.into())),
        })
        .await?;
    let grpc = TaskServiceClient::new(server.channel().await?);
    let h2 = reqwest::Client::builder()
        .http2_prior_knowledge()
        .default_headers(
            [("x-api-key".parse()?, server.admin_key().parse()?)]
                .into_iter()
                .collect(),
        )
        .build()?;
    let url = format!("{}/v1/tasks", server.url());
    let mut acknowledged = Vec::new();
    for round in 0..40 {
        let mut calls = tokio::task::JoinSet::new();
        for i in 0..6 {
            let key = format!("r{round}-{i}");
            let after = jitter(4_000);
            match i % 3 {
                0 => {
                    let mut grpc = grpc.clone();
                    calls.spawn(async move {
                        let call = grpc.create_task(CreateTaskRequest {
                            namespace: "abandon".into(),
                            name: "two".into(),
                            idempotency_key: key,
                            ..Default::default()
                        });
                        match tokio::time::timeout(after, call).await {
                            Ok(Ok(answer)) => answer.into_inner().task.map(|t| t.task_uuid),
                            _ => None,
                        }
                    });
                }
                1 => {
                    let (h2, url) = (h2.clone(), url.clone());
                    calls.spawn(async move {
                        let call = async {
                            let answer = h2
                                .post(&url)
                                .header("content-type", "application/json")
                                .body(body(&key))
                                .send()
                                .await
                                .ok()?;
                            created_uuid(&answer.json().await.ok()?)
                        };
                        tokio::time::timeout(after, call).await.ok().flatten()
                    });
                }
                _ => rest_h1_reset(&server, &key, after).await?,
            }
        }
        while let Some(outcome) = calls.join_next().await {
            acknowledged.extend(outcome?);
        }
    }

    // The abandoned requests' writes still finish (their clients only stopped
    // waiting for the answers); once they have, new writes go through at
    // once.
    let drained = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            let health: serde_json::Value = server
                .http()?
                .get(format!("{}/health/detailed", server.url()))
                .send()
                .await?
                .json()
                .await?;
            let database = health["components"]
                .as_array()
                .and_then(|c| c.iter().find(|c| c["name"] == "database"))
                .cloned()
                .unwrap_or_default();
            if database["details"]["writes_in_flight"] == "0" {
                return TestResult::Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    drained.map_err(|_| "the abandoned writes did not finish within 60 s")??;

    // A new write of each kind goes through within a second.
    let mut client = TaskServiceClient::new(server.channel().await?);
    let fresh = tokio::time::timeout(
        Duration::from_secs(1),
        client.create_task(CreateTaskRequest {
            namespace: "abandon".into(),
            name: "two".into(),
            idempotency_key: "after-the-storm".into(),
            ..Default::default()
        }),
    )
    .await
    .map_err(|_| "a creation after the abandoned ones took more than 1 s")??;
    acknowledged.extend(fresh.into_inner().task.map(|t| t.task_uuid));
    let rest = tokio::time::timeout(
        Duration::from_secs(1),
        server
            .http()?
            .post(&url)
            .header("content-type", "application/json")
            .body(body("after-the-storm-rest"))
            .send(),
    )
    .await
    .map_err(|_| "a REST creation after the abandoned ones took more than 1 s")??;
    assert_eq!(rest.status().as_u16(), 200, "{}", rest.text().await?);

    // Every acknowledged task is there, with both of its steps.
    assert!(!acknowledged.is_empty(), "no request finished at all");
    for task_uuid in &acknowledged {
        let task = client
            .get_task(GetTaskRequest {
                task_uuid: task_uuid.clone(),
            })
            .await
            .map_err(|status| format!("acknowledged task {task_uuid} is missing: {status}"))?
            .into_inner()
            .task
            .unwrap_or_default();
        assert_eq!(
            task.step_counts.unwrap_or_default().total,
            2,
            "task {task_uuid} is whole"
        );
    }
    let ready: serde_json::Value = server
        .http()?
        .get(format!("{}/health/ready", server.url()))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(ready["ready"], true, "{ready}");
    // No write found its connection in a state an abandoned one left behind
    // (PostgreSQL says "there is already a transaction in progress").
    let output = server.output();
    assert!(
        !output.contains("transaction in progress") && !output.contains("within a transaction"),
        "{output}"
    );
    // On PostgreSQL, no pooled connection was left inside a transaction an
    // abandoned write opened (the next write on it would warn "there is
    // already a transaction in progress" and commit the leftovers with its
    // own).
    if let Some(url) = server.database_url() {
        let pool = sqlx::PgPool::connect(url).await?;
        let open: Vec<(String, String)> = sqlx::query_as(
            "SELECT state, query FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid() \
             AND (state LIKE 'idle in transaction%' OR xact_start IS NOT NULL)",
        )
        .fetch_all(&pool)
        .await?;
        pool.close().await;
        assert!(
            open.is_empty(),
            "connections left in a transaction: {open:?}"
        );
    }
    Ok(())
}

on_both_backends!(abandoned_requests_never_stop_the_writer =>
    abandoned_requests_never_stop_the_writer_on_sqlite,
    abandoned_requests_never_stop_the_writer_on_postgres);
