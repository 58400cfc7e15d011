//! The Tasker orchestrator process: configuration, service implementations and
//! the listener that serves them.
//!
//! [`run`] opens the database, registers `tasker.v1` services together with the
//! standard `grpc.health.v1.Health` and gRPC reflection (v1 and v1alpha), binds
//! the listener and serves until the shutdown future resolves. Errors are
//! [`ServerError`], converted to `tonic::Status` in one place.

pub mod config;
pub mod convert;
mod error;
pub mod health;
pub mod state;
pub mod telemetry;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tasker_proto::v1::health_service_server::HealthServiceServer;
use tasker_store::{ConnectOptions, Database};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;

pub use config::Config;
pub use error::ServerError;
pub use state::AppState;

/// Version of this server, reported by health checks.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Opens the database and binds the listener; [`Server::serve`] then serves.
#[derive(Debug)]
pub struct Server {
    state: Arc<AppState>,
    listener: TcpListener,
}

impl Server {
    /// Connects to the configured database and binds the configured address.
    ///
    /// # Errors
    /// [`ServerError::Store`] when the database cannot be opened and
    /// [`ServerError::Transport`] when the address cannot be bound.
    pub async fn bind(config: Config) -> Result<Self, ServerError> {
        let options = ConnectOptions {
            max_connections: config.storage.max_connections,
            ..ConnectOptions::default()
        };
        let db = Database::connect(&config.database_url(), &options).await?;
        tracing::info!(backend = db.backend().as_str(), "database opened");
        let listener = TcpListener::bind(config.server.bind).await.map_err(|e| {
            ServerError::Transport(format!("cannot bind {}: {e}", config.server.bind))
        })?;
        Ok(Self {
            state: Arc::new(AppState::new(config, db)),
            listener,
        })
    }

    /// The address actually bound (useful with port 0).
    ///
    /// # Errors
    /// [`ServerError::Io`] if the socket has no local address.
    pub fn local_addr(&self) -> Result<SocketAddr, ServerError> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` resolves, then stops accepting, lets in-flight
    /// requests finish within the configured grace period, and closes the
    /// database.
    ///
    /// # Errors
    /// [`ServerError::Transport`] when serving fails.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let Self { state, listener } = self;
        let (health_reporter, grpc_health) = tonic_health::server::health_reporter();
        health_reporter
            .set_serving::<HealthServiceServer<health::Health>>()
            .await;

        let reflection_v1 = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(tasker_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1()
            .map_err(|e| ServerError::Transport(format!("reflection: {e}")))?;
        let reflection_v1alpha = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(tasker_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1alpha()
            .map_err(|e| ServerError::Transport(format!("reflection: {e}")))?;

        let grace = Duration::from_secs(state.config.server.shutdown_grace_seconds);
        let drain_state = Arc::clone(&state);
        let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down");
            drain_state.begin_shutdown();
            health_reporter
                .set_not_serving::<HealthServiceServer<health::Health>>()
                .await;
            let _ = drained_tx.send(());
        };

        let addr = listener.local_addr()?;
        tracing::info!(%addr, version = VERSION, "listening");
        let serving = tonic::transport::Server::builder()
            .add_service(grpc_health)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha)
            .add_service(HealthServiceServer::new(health::Health::new(Arc::clone(
                &state,
            ))))
            .serve_with_incoming_shutdown(TcpListenerStream::new(listener), signal);
        tokio::pin!(serving);

        // Serve; once shutdown begins, give in-flight requests the grace period.
        let result = tokio::select! {
            result = &mut serving => result,
            _ = async {
                let _ = drained_rx.await;
                tokio::time::sleep(grace).await;
            } => {
                tracing::warn!(grace_seconds = grace.as_secs(), "grace period over; closing remaining connections");
                Ok(())
            }
        };
        state.db.close().await;
        tracing::info!("stopped");
        result.map_err(|e| ServerError::Transport(e.to_string()))
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
