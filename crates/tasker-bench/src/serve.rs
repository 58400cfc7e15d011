//! `tasker-bench serve` (hidden): the real server from the `tasker_server`
//! library and, on a second port of the same process, the hand-written
//! baseline — an axum router whose handlers call the same tonic service
//! implementation (`Tasks`) and answer with serde JSON. Both share one
//! process, so its `/proc` CPU covers every door.
//!
//! The baseline authenticates as the server's port does: each route runs
//! the server's own enforcement check ([`AuthLayer::authorize`], the same
//! layer instance, authenticator and access table) for the RPC it stands
//! for, and hands the caller's principal to the service, which applies the
//! namespace scope from it as it does for every door. So REST against the
//! baseline prices transcoding, not authentication.

use std::sync::Arc;

use anyhow::{Context, Result};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Extension, Json};
use tasker_auth::{AuthLayer, Authenticator, Principal};
use tasker_proto::v1::task_service_server::TaskService;
use tasker_proto::v1::{CreateTaskRequest, GetTaskRequest};
use tasker_server::auth::ServerKeys;
use tasker_server::services::tasks::Tasks;
use tasker_server::{Config, Server, shutdown_signal};

/// Prefix of the line announcing the baseline's address on stdout.
pub(crate) const BASELINE_LINE: &str = "tasker-bench baseline listening on ";

/// The server's enforcement layer.
type Enforcement = AuthLayer<Authenticator<ServerKeys>>;

/// Runs the server and the baseline until SIGINT/SIGTERM.
pub(crate) async fn run() -> Result<()> {
    let config = Config::load(None).map_err(|e| anyhow::anyhow!("{e}"))?;
    tasker_telemetry::init(&config.log, &config.otel).map_err(|e| anyhow::anyhow!("{e}"))?;
    let server = Server::bind(config).await.context("cannot start")?;
    let state = server.state();
    let enforcement = state.auth.layer.clone();
    let tasks = Arc::new(Tasks::new(state));
    let router = axum::Router::new()
        .route(
            "/bench/tasks",
            guarded(
                post(create_task),
                enforcement.as_ref(),
                "/tasker.v1.TaskService/CreateTask",
            ),
        )
        .route(
            "/bench/tasks/{task_uuid}",
            guarded(
                get(get_task),
                enforcement.as_ref(),
                "/tasker.v1.TaskService/GetTask",
            ),
        )
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

/// `route` behind the server's check for `rpc` (nothing when authentication
/// is off, as on the server's port).
fn guarded(
    route: MethodRouter<Arc<Tasks>>,
    enforcement: Option<&Enforcement>,
    rpc: &'static str,
) -> MethodRouter<Arc<Tasks>> {
    match enforcement {
        Some(enforcement) => route.route_layer(axum::middleware::from_fn_with_state(
            (enforcement.clone(), rpc),
            authorize,
        )),
        None => route,
    }
}

/// Refuses the request as the server's layer would refuse `rpc`, or passes
/// it on with the caller's principal.
async fn authorize(
    State((enforcement, rpc)): State<(Enforcement, &'static str)>,
    mut request: Request,
    next: Next,
) -> Response {
    match enforcement.authorize(rpc, request.headers()).await {
        Ok(principal) => {
            if let Some(principal) = principal {
                request.extensions_mut().insert(principal);
            }
            next.run(request).await
        }
        Err(refused) => error(&tonic::Status::from(refused)),
    }
}

/// A service request carrying the caller's principal, as the layer leaves it.
fn service_request<T>(message: T, principal: Option<Extension<Principal>>) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    if let Some(Extension(principal)) = principal {
        request.extensions_mut().insert(principal);
    }
    request
}

async fn get_task(
    State(tasks): State<Arc<Tasks>>,
    principal: Option<Extension<Principal>>,
    Path(task_uuid): Path<String>,
) -> Response {
    match tasks
        .get_task(service_request(GetTaskRequest { task_uuid }, principal))
        .await
    {
        Ok(response) => Json(response.into_inner()).into_response(),
        Err(status) => error(&status),
    }
}

async fn create_task(
    State(tasks): State<Arc<Tasks>>,
    principal: Option<Extension<Principal>>,
    Json(request): Json<CreateTaskRequest>,
) -> Response {
    match tasks.create_task(service_request(request, principal)).await {
        Ok(response) => Json(response.into_inner()).into_response(),
        Err(status) => error(&status),
    }
}

fn error(status: &tonic::Status) -> Response {
    let code = match status.code() {
        tonic::Code::NotFound => StatusCode::NOT_FOUND,
        tonic::Code::InvalidArgument => StatusCode::BAD_REQUEST,
        tonic::Code::AlreadyExists => StatusCode::CONFLICT,
        tonic::Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        tonic::Code::PermissionDenied => StatusCode::FORBIDDEN,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (
        code,
        Json(serde_json::json!({ "message": status.message() })),
    )
        .into_response()
}
