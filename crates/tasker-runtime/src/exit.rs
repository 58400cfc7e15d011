//! How a binary ends: a configuration that cannot be loaded is the user's to
//! fix (its message, exit status 2, no backtrace); a failure afterwards is
//! logged and printed with its causes (exit status 1); and the span exporter
//! sends what it still holds before the process exits.

use std::fmt::Display;
use std::process::ExitCode;

/// Says why `binary`'s configuration was refused, on standard error; exit
/// status 2.
pub fn config_refused(binary: &str, error: impl Display) -> ExitCode {
    eprintln!("{binary}: {error}");
    ExitCode::from(2)
}

/// The exit status of `binary` after `outcome`: success, or the error with
/// its causes (`{:#}`) logged and printed on standard error, status 1.
pub fn exit_code<E: Display>(binary: &str, outcome: Result<(), E>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "{binary} failed");
            eprintln!("{binary}: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Shuts `telemetry` down: the exporter sends what it still holds, and
/// waits, so off the runtime's workers.
pub async fn stop_telemetry(telemetry: tasker_telemetry::Telemetry) {
    let _ = tokio::task::spawn_blocking(move || telemetry.shutdown()).await;
}
