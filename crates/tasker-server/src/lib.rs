//! The Tasker orchestrator process: configuration, service implementations and
//! the listener that serves them.
//!
//! [`run`] opens the database, registers `tasker.v1` services together with the
//! standard `grpc.health.v1.Health` and gRPC reflection (v1 and v1alpha), binds
//! the listener and serves until the shutdown future resolves. Errors are
//! [`ServerError`], converted to `tonic::Status` in one place.

pub mod admin;
pub mod auth;
pub mod config;
pub mod convert;
mod error;
pub mod figures;
pub mod health;
pub mod observe;
mod schema;
pub mod scope;
pub mod services;
pub mod state;
pub mod timeout;
pub mod web;

use std::collections::HashSet;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tasker_gateway::{Document, GrpcTimeoutLayer, OnePort, RestOptions, ServeOptions, Transcoder};
use tasker_proto::v1::analytics_service_server::AnalyticsServiceServer;
use tasker_proto::v1::auth_service_server::AuthServiceServer;
use tasker_proto::v1::config_service_server::ConfigServiceServer;
use tasker_proto::v1::dlq_service_server::DlqServiceServer;
use tasker_proto::v1::health_service_server::HealthServiceServer;
use tasker_proto::v1::step_service_server::StepServiceServer;
use tasker_proto::v1::task_service_server::TaskServiceServer;
use tasker_proto::v1::template_service_server::TemplateServiceServer;
use tasker_proto::v1::worker_service_server::WorkerServiceServer;
use tasker_runtime::metrics::Exposition;
use tasker_store::{ConnectOptions, Store};
use tokio::net::TcpListener;
use tonic_health::server::HealthReporter;

use crate::timeout::RequestTimeoutLayer;

pub use config::Config;
pub use error::ServerError;
pub use state::AppState;
pub use tasker_gateway::shutdown_signal;

/// Version of this server, reported by health checks.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Opens the database and binds the listener; [`Server::serve`] then serves.
#[derive(Debug)]
pub struct Server {
    state: Arc<AppState>,
    listener: TcpListener,
    embedded_worker_key: Option<tasker_auth::SecretString>,
    tls: Option<tasker_gateway::Tls>,
}

impl Server {
    /// Connects to the configured database and binds the configured address.
    ///
    /// # Errors
    /// [`ServerError::Store`] when the database cannot be opened and
    /// [`ServerError::Transport`] when the address cannot be bound.
    pub async fn bind(config: Config) -> Result<Self, ServerError> {
        let store = open_store(&config).await?;
        tracing::info!(
            backend = store.backend().as_str(),
            "database opened and migrated"
        );
        let tls = config
            .server
            .tls
            .load()
            .map_err(|e| ServerError::Config(format!("server.tls: {e}")))?;
        let mut auth = auth::Auth::build(&config, &store).await?;
        let embedded = config.embedded_worker();
        if embedded && tls.is_some() {
            tracing::warn!(
                "the embedded example worker speaks plain HTTP; it is not started when server.tls is configured"
            );
        }
        let embedded_worker_key = (embedded && tls.is_none()).then(|| auth.embedded_worker_key());
        let state = AppState::new(config, store, auth);
        if embedded_worker_key.is_some() {
            let examples = services::templates::register_examples(&state).await?;
            tracing::info!(templates = examples, "example templates registered");
        }
        let directory = state.config.templates.directory.clone();
        let loaded = services::templates::load_directory(&state, &directory).await?;
        tracing::info!(templates = loaded, directory = %directory.display(), "templates loaded");
        let bind = state.config.server.bind;
        let listener = TcpListener::bind(bind)
            .await
            .map_err(|e| ServerError::Transport(format!("cannot bind {bind}: {e}")))?;
        Ok(Self {
            state: Arc::new(state),
            listener,
            embedded_worker_key,
            tls,
        })
    }

    /// The address actually bound (useful with port 0).
    ///
    /// # Errors
    /// [`ServerError::Io`] if the socket has no local address.
    pub fn local_addr(&self) -> Result<SocketAddr, ServerError> {
        Ok(self.listener.local_addr()?)
    }

    /// The state the services will share (lets a host process, e.g. the
    /// benchmark program, call the service implementations directly).
    pub fn state(&self) -> Arc<AppState> {
        Arc::clone(&self.state)
    }

    /// Serves until `shutdown` resolves, then stops accepting, lets in-flight
    /// requests finish within the configured grace period, and closes the
    /// database.
    ///
    /// One listener serves gRPC, gRPC-Web and REST/JSON (transcoded from the
    /// `google.api.http` annotations); `/openapi.json` serves the generated
    /// OpenAPI document, `/ui/` the dashboard and `/docs` the API reference.
    ///
    /// # Errors
    /// [`ServerError::Transport`] when the services cannot be assembled.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let Self {
            state,
            listener,
            embedded_worker_key,
            tls,
        } = self;
        let config = &state.config;
        let (health_reporter, routes) = grpc_routes(&state).await?;
        // The one enforcement point: every gRPC, gRPC-Web and (transcoded)
        // REST request reaches the services through the AuthLayer.
        let grpc = tower::ServiceBuilder::new()
            .layer(observe::RpcMetricsLayer::new(known_rpcs()))
            .layer(RequestTimeoutLayer::new(Duration::from_secs(
                config.server.request_timeout_seconds,
            )))
            .layer(GrpcTimeoutLayer)
            .option_layer(state.auth.layer.clone())
            .service(routes);
        let one_port = OnePort::new(grpc, transcoder(config)?, documents());
        let classifier = one_port.classifier();
        let (metrics, metrics_server) = serve_metrics(&state).await?;
        let service = tower::ServiceBuilder::new()
            .layer(compression_layer())
            .option_layer(cors_layer(&config.server.cors_allowed_origins))
            .layer(observe::ObserveLayer::new(metrics, classifier))
            .service(one_port);
        let background = Background::spawn(&state);

        let serve_options = serve_options(config, tls);
        let addr = listener.local_addr()?;
        tracing::info!(%addr, version = VERSION, tls = serve_options.tls.is_some(), "listening");
        let embedded = embedded_worker_key
            .map(|key| spawn_embedded_worker(addr, key))
            .transpose()?;
        let drain_state = Arc::clone(&state);
        let grace = serve_options.shutdown_grace;
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down");
            // The embedded worker drains and deregisters first, while the
            // server still answers it.
            if let Some(worker) = embedded {
                worker.stop(grace).await;
            }
            drain_state.begin_shutdown();
            health_reporter
                .set_not_serving::<HealthServiceServer<health::Health>>()
                .await;
        };

        let drained = tasker_gateway::serve(listener, service, serve_options, signal).await;
        if !drained {
            tracing::warn!(
                grace_seconds = config.server.shutdown_grace_seconds,
                "grace period over; closing remaining connections"
            );
        }
        background.stop();
        metrics_server.stop().await;
        state.store.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The services of the port: the standard health and reflection (over the
/// orchestrator's own descriptor set) and every `tasker.v1` service, each
/// marked serving on the health reporter returned.
async fn grpc_routes(
    state: &Arc<AppState>,
) -> Result<(HealthReporter, tonic::service::Routes), ServerError> {
    let (health_reporter, mut routes) =
        tasker_runtime::port::standard_routes(tasker_proto::FILE_DESCRIPTOR_SET)
            .map_err(|e| ServerError::Transport(e.to_string()))?;
    health_reporter
        .set_serving::<HealthServiceServer<health::Health>>()
        .await;
    let max_decode = state.config.server.grpc_max_decode_bytes;
    let shared = || Arc::clone(state);
    routes
        .add_service(
            HealthServiceServer::new(health::Health::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            TaskServiceServer::new(services::tasks::Tasks::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            StepServiceServer::new(services::steps::Steps::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            TemplateServiceServer::new(services::templates::Templates::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            WorkerServiceServer::new(services::workers::Workers::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            DlqServiceServer::new(services::dlq::Dlq::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            ConfigServiceServer::new(services::config::Config::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            AnalyticsServiceServer::new(services::analytics::Analytics::new(shared()))
                .max_decoding_message_size(max_decode),
        )
        .add_service(
            AuthServiceServer::new(services::auth::Auth::new(shared()))
                .max_decoding_message_size(max_decode),
        );
    for service in [
        "tasker.v1.TaskService",
        "tasker.v1.StepService",
        "tasker.v1.TemplateService",
        "tasker.v1.WorkerService",
        "tasker.v1.DlqService",
        "tasker.v1.ConfigService",
        "tasker.v1.AnalyticsService",
        "tasker.v1.AuthService",
    ] {
        health_reporter
            .set_service_status(service, tonic_health::ServingStatus::Serving)
            .await;
    }
    Ok((health_reporter, routes.routes()))
}

/// The gRPC paths (`/pkg.Service/Method`) of every RPC of the
/// orchestrator's descriptor set, which metrics count under their own names.
fn known_rpcs() -> HashSet<String> {
    tasker_proto::descriptor_pool()
        .map(|pool| {
            pool.services()
                .flat_map(|s| s.methods().collect::<Vec<_>>())
                .map(|m| format!("/{}/{}", m.parent_service().full_name(), m.name()))
                .collect()
        })
        .unwrap_or_default()
}

/// Connect and REST for the services of the orchestrator's descriptor set,
/// REST through the route table generated from the `google.api.http`
/// annotations, within the `[rest]` settings.
fn transcoder(config: &Config) -> Result<Transcoder, ServerError> {
    let pool = tasker_proto::descriptor_pool()
        .map_err(|e| ServerError::Transport(format!("descriptors: {e}")))?;
    let rest_options = RestOptions {
        ignore_unknown_query_parameters: !config.rest.reject_unknown_query_parameters,
        ignore_unknown_json_fields: !config.rest.reject_unknown_json_fields,
        max_body_bytes: config.rest.max_body_bytes,
        max_json_depth: config.rest.max_json_depth,
        body_read_timeout: config.server.limits.body_read_timeout(),
        max_message_bytes: config.server.grpc_max_decode_bytes,
        ..RestOptions::default()
    };
    Transcoder::new(pool, tasker_proto::ROUTES, rest_options)
        .map_err(|e| ServerError::Transport(e.to_string()))
}

/// What the port serves besides the RPCs: the OpenAPI document, the
/// dashboard (`/ui/`) and the API reference (`/docs`), same origin.
fn documents() -> Vec<Document> {
    let mut documents = vec![tasker_runtime::port::openapi_document(
        tasker_proto::OPENAPI_JSON,
    )];
    documents.extend(web::documents());
    documents
}

/// The metrics exposition, with the gauges read at scrape time, and the
/// sampler of the database figures. With `metrics.bind` the exposition gets
/// a listener of its own (returned running) and the port does not serve it;
/// otherwise the port serves the exposition returned.
async fn serve_metrics(
    state: &Arc<AppState>,
) -> Result<(Option<Exposition>, MetricsServer), ServerError> {
    let config = &state.config;
    let metrics = if config.metrics.enabled {
        match observe::metrics_handle() {
            Ok(handle) => Some(Exposition::new(&config.metrics.path, handle)),
            Err(error) => {
                tracing::warn!(%error, "metrics are off: another recorder is installed");
                None
            }
        }
    } else {
        None
    };
    let scrape = figures::ScrapeGauges::new(Arc::clone(state));
    let metrics =
        metrics.map(|exposition| exposition.refreshing(Arc::new(move || scrape.refresh())));
    let sampler = tokio::spawn(figures::sample(Arc::clone(state)));
    let (Some(exposition), Some(bind)) = (&metrics, config.metrics.bind_addr()) else {
        return Ok((metrics, MetricsServer::none(sampler)));
    };
    let listener = TcpListener::bind(bind)
        .await
        .map_err(|e| ServerError::Transport(format!("metrics.bind: cannot bind {bind}: {e}")))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, path = %config.metrics.path, "metrics listening");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(tasker_gateway::serve(
        listener,
        exposition.clone().only(),
        ServeOptions::default(),
        async move {
            let _ = stopped.await;
        },
    ));
    Ok((
        None,
        MetricsServer {
            sampler,
            listener: Some((stop, serving)),
        },
    ))
}

/// The sampler of the database figures and, with `metrics.bind`, the
/// exposition's own listener.
struct MetricsServer {
    sampler: tokio::task::JoinHandle<()>,
    listener: Option<(
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<bool>,
    )>,
}

impl MetricsServer {
    fn none(sampler: tokio::task::JoinHandle<()>) -> Self {
        Self {
            sampler,
            listener: None,
        }
    }

    /// Stops sampling and closes the exposition's listener.
    async fn stop(self) {
        self.sampler.abort();
        if let Some((stop, serving)) = self.listener {
            let _ = stop.send(());
            let _ = serving.await;
        }
    }
}

/// The loops that run beside the port until shutdown.
struct Background(Vec<tokio::task::JoinHandle<()>>);

impl Background {
    /// Timers for retries and expired leases, the ready-step count behind
    /// CreateTask's backpressure, and the staleness check.
    fn spawn(state: &Arc<AppState>) -> Self {
        Self(vec![
            tokio::spawn(run_timers(Arc::clone(state))),
            tokio::spawn(watch_backlog(Arc::clone(state))),
            tokio::spawn(run_staleness_checks(Arc::clone(state))),
        ])
    }

    fn stop(self) {
        for task in self.0 {
            task.abort();
        }
    }
}

/// The listener's settings from `[server]`, with `tls` when configured.
fn serve_options(config: &Config, tls: Option<tasker_gateway::Tls>) -> ServeOptions {
    let server = &config.server;
    ServeOptions {
        http2_max_concurrent_streams: server.http2_max_concurrent_streams,
        max_header_bytes: server.max_header_bytes,
        shutdown_grace: Duration::from_secs(server.shutdown_grace_seconds),
        http2_keepalive_interval: (server.http2_keepalive_interval_seconds > 0)
            .then(|| Duration::from_secs(server.http2_keepalive_interval_seconds)),
        http2_keepalive_timeout: Duration::from_secs(server.http2_keepalive_timeout_seconds),
        tls,
        limits: server.limits.clone(),
    }
}

/// Opens (and migrates) the configured database.
///
/// # Errors
/// [`ServerError::Store`] when the database cannot be opened.
pub async fn open_store(config: &Config) -> Result<Store, ServerError> {
    let options = ConnectOptions {
        max_connections: config.storage.max_connections,
        acquire_timeout: Duration::from_secs(config.storage.acquire_timeout_seconds),
        max_queued_writes: config.storage.max_queued_writes,
        ..ConnectOptions::default()
    };
    Ok(Store::connect(&config.database_url(), &options).await?)
}

/// The embedded example worker, running until [`EmbeddedWorker::stop`].
struct EmbeddedWorker {
    stop: tokio::sync::oneshot::Sender<()>,
    running: tokio::task::JoinHandle<()>,
}

impl EmbeddedWorker {
    /// Lets the worker finish its handlers and deregister, for at most
    /// `grace`; then it is dropped where it stands (its leases expire).
    async fn stop(self, grace: Duration) {
        let _ = self.stop.send(());
        let mut running = self.running;
        if tokio::time::timeout(grace, &mut running).await.is_err() {
            running.abort();
        }
    }
}

/// Runs a worker with the example handlers (namespace `examples`) against
/// this server over loopback, until it is stopped.
fn spawn_embedded_worker(
    addr: SocketAddr,
    key: tasker_auth::SecretString,
) -> Result<EmbeddedWorker, ServerError> {
    use tasker_auth::ExposeSecret as _;
    let host = match addr.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => {
            std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
        }
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => {
            std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
        }
        ip => ip,
    };
    let worker =
        tasker_worker::Worker::builder(format!("http://{}", SocketAddr::new(host, addr.port())))
            .name("embedded-examples")
            .api_key(key.expose_secret())
            .namespaces([auth::EXAMPLES_NAMESPACE])
            .build(tasker_examples::example_registry())
            .map_err(|e| ServerError::Config(format!("examples.embedded_worker: {e}")))?;
    tracing::info!(namespace = "examples", "embedded example worker started");
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let running = tokio::spawn(async move {
        if let Err(error) = worker
            .run(async move {
                let _ = stopped.await;
            })
            .await
        {
            tracing::warn!(%error, "embedded example worker stopped");
        }
    });
    Ok(EmbeddedWorker { stop, running })
}

/// Opens dead-letter entries for tasks stuck past their threshold, until shutdown.
async fn run_staleness_checks(state: Arc<AppState>) {
    let mut ticker = tokio::time::interval(Duration::from_secs(
        state.config.dlq.staleness_check_seconds,
    ));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if state.is_shutting_down() {
            return;
        }
        match services::dlq::open_stale_entries(&state).await {
            Ok(0) => {}
            Ok(opened) => tracing::info!(opened, "dead-letter entries opened for stale tasks"),
            Err(error) => tracing::warn!(%error, "staleness check failed"),
        }
    }
}

/// Keeps the count of ready steps current for CreateTask's backpressure.
async fn watch_backlog(state: Arc<AppState>) {
    if state.config.workers.max_ready_steps == 0 {
        return;
    }
    let mut ticker = tokio::time::interval(Duration::from_secs(1));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if state.is_shutting_down() {
            return;
        }
        match state.store.ready_steps().await {
            Ok(ready) => state.set_ready_steps(ready),
            Err(error) => tracing::warn!(%error, "counting ready steps failed"),
        }
    }
}

/// Makes due retries claimable and releases expired leases, until shutdown.
async fn run_timers(state: Arc<AppState>) {
    let interval = Duration::from_millis(state.config.workers.timer_interval_ms);
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if state.is_shutting_down() {
            return;
        }
        loop {
            match state.store.run_timers(200).await {
                Ok(changed) if changed >= 200 => continue,
                Ok(_) => break,
                Err(error) => {
                    tracing::warn!(%error, "timer pass failed");
                    break;
                }
            }
        }
    }
}

/// gzip for answers whose client accepts it, except streams of the Connect
/// protocol, which compress message by message (`Connect-Content-Encoding`)
/// and must not be buffered by a compressor.
fn compression_layer() -> tower_http::compression::CompressionLayer<
    tower_http::compression::predicate::And<
        tower_http::compression::DefaultPredicate,
        tower_http::compression::predicate::NotForContentType,
    >,
> {
    use tower_http::compression::predicate::{NotForContentType, Predicate as _};
    tower_http::compression::CompressionLayer::new()
        .gzip(true)
        .compress_when(
            tower_http::compression::DefaultPredicate::new()
                .and(NotForContentType::const_new("application/connect+")),
        )
}

/// CORS for browsers on the configured origins; `None` (no CORS headers at
/// all) when none are configured.
fn cors_layer(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    use http::{HeaderName, Method};
    use tower_http::cors::{AllowOrigin, CorsLayer};
    if origins.is_empty() {
        return None;
    }
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| http::HeaderValue::from_str(o).ok()),
        )
    };
    let header = HeaderName::from_static;
    Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
                Method::OPTIONS,
            ])
            .allow_headers([
                header("content-type"),
                header("authorization"),
                header("x-api-key"),
                header("x-grpc-web"),
                header("x-user-agent"),
                header("grpc-timeout"),
                header("x-server-timeout"),
                header("connect-protocol-version"),
                header("connect-timeout-ms"),
                header("connect-content-encoding"),
                header("connect-accept-encoding"),
                header(observe::REQUEST_ID),
                header(observe::TRACEPARENT),
                header("tracestate"),
            ])
            .expose_headers([
                header("grpc-status"),
                header("grpc-message"),
                header("grpc-status-details-bin"),
                header("retry-after"),
                header("connect-content-encoding"),
                header("connect-accept-encoding"),
                header(observe::REQUEST_ID),
            ])
            .max_age(Duration::from_secs(600)),
    )
}
