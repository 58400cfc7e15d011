//! Logs and traces of Tasker's processes, one place for the server and the
//! worker: the `tracing` subscriber (filter, pretty or JSON lines with the
//! enclosing spans' fields), the opt-in export of every span to an
//! OpenTelemetry collector over OTLP/gRPC, and the W3C trace context
//! (`traceparent`) read from requests and carried on to workers, so one
//! trace follows a task from the client that created it to the worker that
//! ran its steps.
//!
//! Without an exporter, spans have no OpenTelemetry context of their own:
//! a `traceparent` is then passed on as it came in (see [`traceparent`]),
//! and its trace id is still written to the logs.

mod json_fields;

use std::io::IsTerminal as _;

use opentelemetry::propagation::TextMapPropagator as _;
use opentelemetry::trace::{TraceContextExt as _, TracerProvider as _};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use serde::{Deserialize, Serialize};
use tracing_opentelemetry::OpenTelemetrySpanExt as _;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer as _;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The W3C trace context header.
pub const TRACEPARENT: &str = "traceparent";

/// Whether [`init`] installed the span exporter.
static EXPORTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether spans are exported (OTLP). Fields known only when a span ends —
/// an answer's status and latency — reach no log line (every line of a
/// request is written before its answer), so they are worth recording only
/// for the exported span.
#[must_use]
pub fn exports_spans() -> bool {
    EXPORTING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Why telemetry could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    /// `log.level` (or `RUST_LOG`) is not a valid filter directive.
    #[error("log.level: {0}")]
    Filter(#[from] tracing_subscriber::filter::ParseError),
    /// A global subscriber is already installed.
    #[error("a log subscriber is already installed: {0}")]
    AlreadyInstalled(#[from] tracing_subscriber::util::TryInitError),
    /// The OTLP exporter cannot be built from `otel.endpoint`.
    #[error("otel.endpoint: {0}")]
    Exporter(#[from] opentelemetry_otlp::ExporterBuildError),
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable, for terminals.
    Pretty,
    /// One JSON object per line, for collectors.
    Json,
}

/// Logging settings (`[log]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    /// Level or `tracing` filter directive.
    pub level: String,
    /// Line format.
    pub format: LogFormat,
}

/// OpenTelemetry export of the spans (`[otel]`; off unless an endpoint is
/// set).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OtelConfig {
    /// OTLP/gRPC collector, `http://host:4317`; empty exports nothing.
    pub endpoint: String,
    /// `service.name` of the exported spans.
    pub service_name: String,
}

/// What [`init`] installed that must be shut down: the span exporter, which
/// sends what it still holds on [`Telemetry::shutdown`].
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

/// Installs the global subscriber: the configured filter (`RUST_LOG`, when
/// set, takes precedence) and line format, logs on standard output; with
/// `otel.endpoint` set, every span is also exported to that OTLP/gRPC
/// collector. Call it inside the Tokio runtime when exporting: the exporter
/// runs on it.
///
/// # Errors
/// [`TelemetryError`] when the filter does not parse, a subscriber is
/// already installed, or the exporter cannot be built.
pub fn init(log: &LogConfig, otel: &OtelConfig) -> Result<Telemetry, TelemetryError> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(directive) if !directive.is_empty() => EnvFilter::try_new(directive)?,
        _ => EnvFilter::try_new(&log.level)?,
    };
    // Colour only for a terminal: a redirected log file gets plain text.
    let ansi = std::io::stdout().is_terminal();
    let lines = match log.format {
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .with_target(true)
            .with_ansi(ansi)
            .json()
            .flatten_event(false)
            // Every enclosing span's fields (the request's id, protocol,
            // method and caller; a step's claim, handler and attempt).
            .with_current_span(false)
            .with_span_list(true)
            // Recording a field appends it; no re-parse per record.
            .fmt_fields(json_fields::JsonSpanFields)
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
    EXPORTING.store(provider.is_some(), std::sync::atomic::Ordering::Relaxed);
    Ok(Telemetry { provider })
}

/// Headers as OpenTelemetry's propagators read them.
struct Carrier<'a>(&'a http::HeaderMap);

impl opentelemetry::propagation::Extractor for Carrier<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(http::HeaderName::as_str).collect()
    }
}

/// A single `traceparent` value as a propagator reads it.
struct Single<'a>(&'a str);

impl opentelemetry::propagation::Extractor for Single<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        (key == TRACEPARENT).then_some(self.0)
    }

    fn keys(&self) -> Vec<&str> {
        vec![TRACEPARENT]
    }
}

/// Makes `span` a child of the remote span the `traceparent` of `headers`
/// names, and records its trace id in the span's `trace_id` field (for the
/// logs). An absent or invalid one is ignored, as the W3C rules ask.
/// Returns whether it was valid.
pub fn continue_trace(span: &tracing::Span, headers: &http::HeaderMap) -> bool {
    if !headers.contains_key(TRACEPARENT) {
        return false;
    }
    adopt(
        span,
        &TraceContextPropagator::new().extract(&Carrier(headers)),
    )
}

/// As [`continue_trace`], from a stored `traceparent` value (the one a task
/// was created under, handed to the worker running its step).
pub fn continue_trace_from(span: &tracing::Span, traceparent: &str) -> bool {
    if traceparent.is_empty() {
        return false;
    }
    adopt(
        span,
        &TraceContextPropagator::new().extract(&Single(traceparent)),
    )
}

fn adopt(span: &tracing::Span, context: &opentelemetry::Context) -> bool {
    let remote = context.span().span_context().clone();
    if !remote.is_valid() {
        return false;
    }
    span.record("trace_id", tracing::field::display(remote.trace_id()));
    // Without the OpenTelemetry layer there is no parent to set: the field
    // is what remains.
    let _ = span.set_parent(context.clone());
    true
}

/// The `traceparent` to hand on for work started under `span`: the span's
/// own context when spans are exported (so the work's spans become its
/// children), else the valid `traceparent` of `headers` as it came in (so a
/// worker that exports spans still joins the caller's trace), else none.
#[must_use]
pub fn traceparent(span: &tracing::Span, headers: &http::HeaderMap) -> Option<String> {
    let context = span.context();
    let own = context.span().span_context().clone();
    if own.is_valid() {
        return Some(format(&own));
    }
    let incoming = TraceContextPropagator::new().extract(&Carrier(headers));
    let remote = incoming.span().span_context().clone();
    remote.is_valid().then(|| format(&remote))
}

/// A span context as a W3C `traceparent` value (version 00).
fn format(context: &opentelemetry::trace::SpanContext) -> String {
    format!(
        "00-{}-{}-{:02x}",
        context.trace_id(),
        context.span_id(),
        context.trace_flags().to_u8()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    fn headers(value: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            TRACEPARENT,
            http::HeaderValue::from_str(value).expect("test header"),
        );
        headers
    }

    #[test]
    fn an_incoming_traceparent_is_handed_on_unchanged_without_an_exporter() {
        let span = tracing::Span::none();
        assert_eq!(traceparent(&span, &headers(VALID)).as_deref(), Some(VALID));
    }

    #[test]
    fn invalid_or_absent_traceparents_are_ignored() {
        let span = tracing::Span::none();
        for bad in [
            "",
            "garbage",
            // All-zero trace id and span id are invalid.
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            // Version ff is forbidden.
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ] {
            assert_eq!(traceparent(&span, &headers(bad)), None, "{bad:?}");
            assert!(!continue_trace_from(&span, bad), "{bad:?}");
        }
        assert_eq!(traceparent(&span, &http::HeaderMap::new()), None);
        assert!(!continue_trace(&span, &http::HeaderMap::new()));
    }

    #[test]
    fn a_valid_traceparent_is_continued() {
        let span = tracing::Span::none();
        assert!(continue_trace(&span, &headers(VALID)));
        assert!(continue_trace_from(&span, VALID));
    }

    #[test]
    fn a_bad_filter_is_a_clear_error() {
        // SAFETY of the test: RUST_LOG unset is what the suite runs with.
        if std::env::var_os("RUST_LOG").is_some() {
            return;
        }
        let log = LogConfig {
            level: "info,[=".into(),
            format: LogFormat::Pretty,
        };
        let error = init(&log, &OtelConfig::default()).expect_err("bad filter");
        assert!(error.to_string().starts_with("log.level:"), "{error}");
    }
}
