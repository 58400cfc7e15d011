//! `tasker-bench serve` (hidden): the real server from the `tasker_server`
//! library and, on a second port of the same process, the hand-written
//! baseline — an axum router whose handlers call the same tonic service
//! implementation (`Tasks`) and answer with serde JSON. Both share one
//! process, so its `/proc` CPU covers all four doors.

use std::sync::Arc;

use anyhow::{Context, Result};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tasker_proto::v1::task_service_server::TaskService;
use tasker_proto::v1::{CreateTaskRequest, GetTaskRequest};
use tasker_server::services::tasks::Tasks;
use tasker_server::{Config, Server, shutdown_signal};

/// Prefix of the line announcing the baseline's address on stdout.
pub(crate) const BASELINE_LINE: &str = "tasker-bench baseline listening on ";

/// Runs the server and the baseline until SIGINT/SIGTERM.
pub(crate) async fn run() -> Result<()> {
    let config = Config::load(None).map_err(|e| anyhow::anyhow!("{e}"))?;
    tasker_telemetry::init(&config.log, &config.otel).map_err(|e| anyhow::anyhow!("{e}"))?;
    let server = Server::bind(config).await.context("cannot start")?;
    let tasks = Arc::new(Tasks::new(server.state()));
    let router = axum::Router::new()
        .route("/bench/tasks", post(create_task))
        .route("/bench/tasks/{task_uuid}", get(get_task))
        .with_state(tasks);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    #[allow(clippy::print_stdout)]
    {
        println!("{BASELINE_LINE}{addr}");
    }
    let baseline = tokio::spawn(async move { axum::serve(listener, router).await });
    server.serve(shutdown_signal()).await?;
    baseline.abort();
    Ok(())
}

async fn get_task(State(tasks): State<Arc<Tasks>>, Path(task_uuid): Path<String>) -> Response {
    match tasks
        .get_task(tonic::Request::new(GetTaskRequest { task_uuid }))
        .await
    {
        Ok(response) => Json(response.into_inner()).into_response(),
        Err(status) => error(&status),
    }
}

async fn create_task(
    State(tasks): State<Arc<Tasks>>,
    Json(request): Json<CreateTaskRequest>,
) -> Response {
    match tasks.create_task(tonic::Request::new(request)).await {
        Ok(response) => Json(response.into_inner()).into_response(),
        Err(status) => error(&status),
    }
}

fn error(status: &tonic::Status) -> Response {
    let code = match status.code() {
        tonic::Code::NotFound => StatusCode::NOT_FOUND,
        tonic::Code::InvalidArgument => StatusCode::BAD_REQUEST,
        tonic::Code::AlreadyExists => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (
        code,
        Json(serde_json::json!({ "message": status.message() })),
    )
        .into_response()
}
