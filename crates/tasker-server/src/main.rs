//! `tasker-server`: the Tasker orchestrator.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use tasker_server::{Config, Server, shutdown_signal, telemetry};

/// The Tasker orchestrator: serves the tasker.v1 API on one listener.
///
/// Settings come from compiled-in defaults, then the optional --config file,
/// then TASKER_* environment variables (TASKER_SERVER__BIND,
/// TASKER_STORAGE__DATABASE_URL, TASKER_LOG__LEVEL, ...).
#[derive(Debug, Parser)]
#[command(name = "tasker-server", version)]
struct Args {
    /// TOML file overriding the defaults.
    #[arg(long, short, env = "TASKER_CONFIG")]
    config: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    // Configuration problems are the user's to fix: say what is wrong, no backtrace.
    let config = match Config::load(args.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("tasker-server: {error}");
            return ExitCode::from(2);
        }
    };
    match run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "tasker-server failed");
            eprintln!("tasker-server: {error:#}");
            ExitCode::FAILURE
        }
    }
}

#[tokio::main]
async fn run(config: Config) -> anyhow::Result<()> {
    telemetry::init(&config.log).map_err(|e| anyhow::anyhow!("log.level: {e}"))?;
    let server = Server::bind(config).await.context("cannot start")?;
    server.serve(shutdown_signal()).await?;
    Ok(())
}
