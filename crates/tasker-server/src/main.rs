//! `tasker-server`: the Tasker orchestrator.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tasker_auth::ExposeSecret as _;
use tasker_runtime::exit;
use tasker_server::{Config, Server, admin, shutdown_signal};

/// The Tasker orchestrator: serves the tasker.v1 API on one listener.
///
/// Settings come from compiled-in defaults, then the optional --config file,
/// then TASKER_* environment variables (TASKER_SERVER__BIND,
/// TASKER_STORAGE__DATABASE_URL, TASKER_LOG__LEVEL, ...).
#[derive(Debug, Parser)]
#[command(name = "tasker-server", version)]
struct Args {
    /// TOML file overriding the defaults.
    #[arg(long, short, env = "TASKER_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (what runs without a command).
    Serve,
    /// Operator's tools working on the configured database directly, no
    /// server needed: the way back in when no key that can manage keys is
    /// left.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Creates an API key in the configured database and prints it once on
    /// standard output (only its hash is stored).
    ///
    /// Example: tasker-server admin create-key --permissions '*'
    CreateKey {
        /// Permissions, comma-separated: `*`, `resource:*` or
        /// `resource:action` (e.g. `tasks:*,steps:read`).
        #[arg(long, short, value_delimiter = ',', required = true)]
        permissions: Vec<String>,
        /// Namespaces the key is limited to, comma-separated; none: all.
        #[arg(long, short, value_delimiter = ',')]
        namespaces: Vec<String>,
        /// A name for the key, shown when keys are listed.
        #[arg(long, default_value = "admin (tasker-server admin create-key)")]
        name: String,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = match Config::load(args.config.as_deref()) {
        Ok(config) => config,
        Err(error) => return exit::config_refused("tasker-server", error),
    };
    let outcome = match args.command {
        None | Some(Command::Serve) => run(config),
        Some(Command::Admin(command)) => run_admin(&config, command),
    };
    exit::exit_code("tasker-server", outcome)
}

#[tokio::main]
async fn run(config: Config) -> anyhow::Result<()> {
    let telemetry = tasker_telemetry::init(&config.log, &config.otel)
        .map_err(|e| anyhow::anyhow!("log / otel: {e}"))?;
    let served = async {
        let server = Server::bind(config).await.context("cannot start")?;
        server.serve(shutdown_signal()).await?;
        anyhow::Ok(())
    }
    .await;
    exit::stop_telemetry(telemetry).await;
    served
}

#[tokio::main]
async fn run_admin(config: &Config, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateKey {
            permissions,
            namespaces,
            name,
        } => {
            let (record, secret) = admin::create_key(config, &name, &permissions, &namespaces)
                .await
                .context("cannot create the key")?;
            let scope = if record.namespaces.is_empty() {
                "all namespaces".to_owned()
            } else {
                format!("namespaces {}", record.namespaces.join(", "))
            };
            eprintln!(
                "API key {} ({}) created: permissions {} on {scope}; shown once, only its hash is stored.",
                record.api_key_uuid,
                record.name,
                record.permissions.join(", "),
            );
            // The key alone on standard output, for `KEY=$(tasker-server admin create-key …)`.
            writeln!(std::io::stdout().lock(), "{}", secret.expose_secret())
                .context("cannot print the key")?;
        }
    }
    Ok(())
}
