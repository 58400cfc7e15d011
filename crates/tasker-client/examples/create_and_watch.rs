//! Creates a task from the `examples/linear` template and watches it to the
//! end.
//!
//! ```text
//! cargo run -p tasker-server                       # prints an admin API key once
//! TASKER_API_KEY=tk_... cargo run -p tasker-client --example create_and_watch -- rest
//! ```
//!
//! The endpoint comes from `TASKER_ENDPOINT` (default
//! `http://127.0.0.1:9090`), the key from `TASKER_API_KEY`; the first
//! argument picks the transport (`grpc`, the default, or `rest`). Without a
//! worker serving the `examples` namespace the task waits for one.

use futures_util::StreamExt as _;
use tasker_client::proto::{CreateTaskRequest, StreamTaskStatusRequest, TaskState};
use tasker_client::{ClientError, OrchestrationClient, Transport};

#[tokio::main]
async fn main() -> Result<(), ClientError> {
    let transport: Transport = std::env::args()
        .nth(1)
        .as_deref()
        .unwrap_or("grpc")
        .parse()?;
    let client = OrchestrationClient::builder()
        .transport(transport)
        .retry_unavailable(3)
        .build()
        .await?;

    let context = serde_json::json!({ "value": 1 });
    let created = client
        .create_task(CreateTaskRequest {
            namespace: "examples".into(),
            name: "linear".into(),
            context: serde_json::from_value(context).ok(),
            reason: "create_and_watch example".into(),
            ..Default::default()
        })
        .await;
    // An identical request made before answers AlreadyExists with that task.
    let task = match created {
        Ok(response) => response.task.unwrap_or_default(),
        Err(ClientError::AlreadyExists {
            existing_task: Some(task),
            ..
        }) => *task,
        Err(error) => return Err(error),
    };
    eprintln!("task {} over {}", task.task_uuid, client.transport());

    let mut updates = client
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: task.task_uuid.clone(),
        })
        .await?;
    while let Some(update) = updates.next().await {
        let update = update?;
        let Some(task) = update.task else { continue };
        let counts = task.step_counts.unwrap_or_default();
        eprintln!(
            "{:?}: {}/{} steps",
            task.state(),
            counts.complete + counts.resolved_manually,
            counts.total
        );
        if update.terminal {
            if task.state() != TaskState::Complete {
                eprintln!("task ended {:?}", task.state());
            }
            break;
        }
    }
    Ok(())
}
