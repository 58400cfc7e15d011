//! Structured logging with `tracing`, and the opt-in OpenTelemetry export of
//! its spans over OTLP/gRPC.

use std::io::IsTerminal as _;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer as _;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

use crate::config::{LogConfig, LogFormat, OtelConfig};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What [`init_with`] installed that must be shut down: the span exporter,
/// which sends what it still holds on [`Telemetry::shutdown`].
#[derive(Debug, Default)]
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

impl Telemetry {
    /// Sends the spans not exported yet and stops the exporter.
    pub fn shutdown(self) {
        if let Some(provider) = self.provider
            && let Err(error) = provider.shutdown()
        {
            tracing::warn!(%error, "the span exporter did not shut down cleanly");
        }
    }
}

/// Installs the global subscriber: the configured filter (`RUST_LOG`, when set,
/// takes precedence) and line format. Logs go to standard output.
///
/// # Errors
/// Fails when the filter does not parse or a subscriber is already installed.
pub fn init(config: &LogConfig) -> Result<(), BoxError> {
    init_with(config, &OtelConfig::default()).map(|_| ())
}

/// As [`init`], and with `otel.endpoint` set, every span is also exported
/// to that OTLP/gRPC collector (spans of requests that carried a W3C
/// `traceparent` continue the caller's trace). Call it inside the Tokio
/// runtime: the exporter runs on it.
///
/// # Errors
/// As [`init`], or when the exporter cannot be built from `otel`.
pub fn init_with(config: &LogConfig, otel: &OtelConfig) -> Result<Telemetry, BoxError> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(directive) if !directive.is_empty() => EnvFilter::try_new(directive)?,
        _ => EnvFilter::try_new(&config.level)?,
    };
    // Colour only for a terminal: a redirected log file gets plain text.
    let ansi = std::io::stdout().is_terminal();
    let lines = match config.format {
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .with_target(true)
            .with_ansi(ansi)
            .json()
            .flatten_event(false)
            // Every enclosing span's fields (the request's id, protocol,
            // method and caller; a step's claim, handler and attempt).
            .with_current_span(false)
            .with_span_list(true)
            .boxed(),
        LogFormat::Pretty => tracing_subscriber::fmt::layer()
            .with_target(true)
            .with_ansi(ansi)
            .boxed(),
    };
    let (spans, provider) = if otel.endpoint.is_empty() {
        (None, None)
    } else {
        use opentelemetry_otlp::WithExportConfig as _;
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_tonic()
            .with_endpoint(&otel.endpoint)
            .build()?;
        // Exports run on the Tokio runtime, where the gRPC client lives.
        let processor =
            opentelemetry_sdk::trace::span_processor_with_async_runtime::BatchSpanProcessor::builder(
                exporter,
                opentelemetry_sdk::runtime::Tokio,
            )
            .build();
        let provider = SdkTracerProvider::builder()
            .with_span_processor(processor)
            .with_resource(
                opentelemetry_sdk::Resource::builder()
                    .with_service_name(otel.service_name.clone())
                    .build(),
            )
            .build();
        let tracer = provider.tracer("tasker");
        (
            Some(tracing_opentelemetry::layer().with_tracer(tracer)),
            Some(provider),
        )
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(lines)
        .with(spans)
        .try_init()?;
    Ok(Telemetry { provider })
}
