//! `tasker-worker`: a Tasker worker process running the example handlers.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use tasker_runtime::exit;
use tasker_runtime::metrics::{self, Exposition};
use tasker_worker::{CancellationToken, VERSION};
use tasker_worker_process::auth::WorkerAuthenticator;
use tasker_worker_process::config::WorkerConfig;
use tasker_worker_process::services::{
    self, WorkerConfigView, WorkerHealth, WorkerServices, WorkerTemplates,
};
use tasker_worker_process::templates::TemplateCatalog;

/// A Tasker worker: claims steps from tasker-server and runs the example
/// handlers (noop, echo, sleep, fail_then_succeed, always_fail, sum); serves
/// its own health, template and config services on a separate port.
///
/// Settings come from compiled-in defaults, then the optional --config file,
/// then TASKER_WORKER_* environment variables (TASKER_WORKER_ORCHESTRATOR__URL,
/// TASKER_WORKER_ORCHESTRATOR__API_KEY, TASKER_WORKER_SERVER__BIND,
/// TASKER_WORKER_EXECUTION__CONCURRENCY, ...).
/// Buckets of the worker's histograms, in seconds.
const BUCKETS: [f64; 17] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    60.0, 300.0,
];

#[derive(Debug, Parser)]
#[command(name = "tasker-worker", version)]
struct Args {
    /// TOML file overriding the defaults.
    #[arg(long, short, env = "TASKER_WORKER_CONFIG")]
    config: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = match WorkerConfig::load(args.config.as_deref()) {
        Ok(config) => config,
        Err(error) => return exit::config_refused("tasker-worker", error),
    };
    exit::exit_code("tasker-worker", run(config))
}

#[tokio::main]
async fn run(mut config: WorkerConfig) -> anyhow::Result<()> {
    let telemetry =
        tasker_telemetry::init(&config.log, &config.otel).map_err(|e| anyhow::anyhow!("{e}"))?;
    // Show the effective name in GetWorkerConfig, not the empty default.
    config.execution.name = config.worker_name();

    // Installed before the worker is built, so its handles record.
    let metrics = if config.metrics.enabled {
        match metrics::install_recorder(&BUCKETS, &[]) {
            Ok(handle) => {
                tasker_worker::observe::describe();
                Some(Exposition::new(&config.metrics.path, handle))
            }
            Err(error) => {
                tracing::warn!(%error, "metrics are off");
                None
            }
        }
    } else {
        None
    };
    let registry = tasker_examples::example_registry();
    let handlers = registry.names();
    let catalog = TemplateCatalog::load(&config.templates.dir, &handlers)
        .with_context(|| format!("templates.dir ({})", config.templates.dir.display()))?;
    tracing::info!(
        dir = %config.templates.dir.display(),
        templates = catalog.len(),
        "templates loaded"
    );
    let worker = config
        .worker_builder()
        .and_then(|builder| builder.build(registry).map_err(Into::into))
        .context("cannot build the worker")?;
    let status = worker.status();

    let listener = tokio::net::TcpListener::bind(config.server.bind)
        .await
        .with_context(|| format!("server.bind: cannot bind {}", config.server.bind))?;
    let addr = listener.local_addr()?;

    let auth = if config.auth.enabled {
        // Credentials the worker cannot verify itself go to the orchestrator.
        let channel = config.orchestrator_endpoint()?.connect_lazy();
        let authenticator =
            WorkerAuthenticator::new(config.auth.jwt_verifier()?, channel, config.auth.cache_ttl);
        Some(services::auth_layer(authenticator)?)
    } else {
        tracing::warn!("auth.enabled = false: the worker's port is open to every caller");
        None
    };

    let tls = config.server.tls.load().context("server.tls")?;
    let shutdown = CancellationToken::new();
    let stop_serving = CancellationToken::new();
    let server = tokio::spawn(services::serve(
        listener,
        WorkerServices {
            health: WorkerHealth::new(status, VERSION),
            templates: WorkerTemplates::new(catalog),
            config: WorkerConfigView::new(&config, VERSION),
        },
        auth,
        tls,
        config.server.limits.clone(),
        metrics,
        stop_serving.clone().cancelled_owned(),
    ));
    tracing::info!(%addr, version = VERSION, tls = config.server.tls.enabled(), orchestrator = %config.orchestrator.url, "listening");

    let signal = shutdown.clone();
    tokio::spawn(async move {
        tasker_gateway::shutdown_signal().await;
        tracing::info!("shutting down");
        signal.cancel();
    });

    // The worker drains and deregisters before the health port closes, so
    // probes see the drain.
    let result = worker.run(shutdown.cancelled_owned()).await;
    stop_serving.cancel();
    let served = server.await.context("worker server task");
    tracing::info!("stopped");
    exit::stop_telemetry(telemetry).await;
    result.context("worker stopped")?;
    served?.context("worker server")?;
    Ok(())
}
