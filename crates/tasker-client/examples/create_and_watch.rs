//! Creates a task from the `examples/linear` template and follows it to the
//! end; exits 1 unless it completed. The README's "Rust client" section
//! shows this program whole (a test keeps the two the same).
//!
//! ```text
//! cargo run --bin tasker-server                    # prints an admin API key once
//! TASKER_API_KEY=tk_... cargo run -p tasker-client --example create_and_watch -- rest
//! ```

use futures_util::StreamExt as _;
use tasker_client::proto::{CreateTaskRequest, StreamTaskStatusRequest, TaskState};
use tasker_client::{ClientError, OrchestrationClient, Transport};

#[tokio::main]
async fn main() -> Result<(), ClientError> {
    // grpc (the default) or rest, from the first argument.
    let transport: Transport = std::env::args()
        .nth(1)
        .as_deref()
        .unwrap_or("grpc")
        .parse()?;
    let client = OrchestrationClient::builder()
        .transport(transport)
        // Unset here, so from TASKER_ENDPOINT (default http://127.0.0.1:9090)
        // and TASKER_API_KEY: .endpoint("https://…"), .api_key("tk_…") or
        // .bearer_token(jwt), .ca_file("ca.pem"), .timeout(Duration).
        .retry_unavailable(3) // an overloaded server's UNAVAILABLE, after its delay
        .build()
        .await?;

    let task = client
        .create_task(CreateTaskRequest {
            namespace: "examples".into(),
            name: "linear".into(),
            context: serde_json::from_value(serde_json::json!({ "value": 1 })).ok(),
            ..Default::default()
        })
        .await?
        .task
        .unwrap_or_default();
    eprintln!("task {} over {}", task.task_uuid, client.transport());

    let mut updates = client
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: task.task_uuid,
        })
        .await?;
    while let Some(update) = updates.next().await {
        let update = update?;
        let Some(task) = update.task else { continue };
        let steps = task.step_counts.unwrap_or_default();
        eprintln!(
            "{:?}: {}/{} steps",
            task.state(),
            steps.complete + steps.resolved_manually,
            steps.total
        );
        if update.terminal && task.state() != TaskState::Complete {
            std::process::exit(1);
        }
    }
    Ok(())
}
