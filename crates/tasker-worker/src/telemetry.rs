//! Structured logging with `tracing` for the `tasker-worker` binary.

use std::io::IsTerminal as _;

use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber: the configured filter (`RUST_LOG`, when set,
/// takes precedence) and line format. Logs go to standard output.
///
/// # Errors
/// Fails when the filter does not parse or a subscriber is already installed.
pub fn init(config: &LogConfig) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(directive) if !directive.is_empty() => EnvFilter::try_new(directive)?,
        _ => EnvFilter::try_new(&config.level)?,
    };
    // Colour only for a terminal: a redirected log file gets plain text.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(true)
        .with_ansi(std::io::stdout().is_terminal());
    match config.format {
        LogFormat::Json => builder
            .json()
            .flatten_event(false)
            // Every enclosing span's fields (the request's id, protocol,
            // method and caller; a step's claim, handler and attempt).
            .with_current_span(false)
            .with_span_list(true)
            .try_init(),
        LogFormat::Pretty => builder.try_init(),
    }
}
