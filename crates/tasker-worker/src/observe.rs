//! The worker's metrics: steps run by handler and how they ended, how long
//! their handlers ran, and the steps in flight, recorded through the
//! `metrics` facade — nothing is kept unless the process installs a
//! recorder, as the `tasker-worker` binary does ([`install`]) — and the
//! Prometheus exposition the binary serves on the worker's port
//! ([`MetricsRouteLayer`]).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use http::{HeaderValue, Request, Response};
use http_body_util::BodyExt as _;
use metrics::{Counter, Gauge, Histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tasker_gateway::transcode::ResponseBody;

/// How an attempt ended, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepOutcome {
    /// The handler returned results.
    Succeeded,
    /// The handler failed, and the failure may be retried.
    RetryableFailure,
    /// The handler failed for good.
    PermanentFailure,
    /// Nothing was reported (lease lost, drain timeout).
    Abandoned,
}

impl StepOutcome {
    const ALL: [Self; 4] = [
        Self::Succeeded,
        Self::RetryableFailure,
        Self::PermanentFailure,
        Self::Abandoned,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::RetryableFailure => "retryable_failure",
            Self::PermanentFailure => "permanent_failure",
            Self::Abandoned => "abandoned",
        }
    }
}

/// The handles of one handler, registered on first use and kept.
#[derive(Debug)]
struct HandlerSeries {
    handler: Arc<str>,
    steps: [OnceLock<Counter>; 4],
    duration: OnceLock<Histogram>,
}

impl HandlerSeries {
    fn new(handler: &str) -> Self {
        Self {
            handler: Arc::from(handler),
            steps: std::array::from_fn(|_| OnceLock::new()),
            duration: OnceLock::new(),
        }
    }

    fn record(&self, outcome: StepOutcome, ran: Duration) {
        let index = StepOutcome::ALL
            .iter()
            .position(|o| *o == outcome)
            .unwrap_or(0);
        self.steps[index]
            .get_or_init(|| {
                metrics::counter!(
                    "tasker_worker_steps_total",
                    "handler" => self.handler.to_string(),
                    "outcome" => outcome.as_str()
                )
            })
            .increment(1);
        self.duration
            .get_or_init(|| {
                metrics::histogram!(
                    "tasker_worker_step_duration_seconds",
                    "handler" => self.handler.to_string()
                )
            })
            .record(ran.as_secs_f64());
    }
}

/// Every handler's handles, indexed by name; a name the registry does not
/// know (a claim this worker has no handler for) counts as `unknown`.
#[derive(Debug)]
pub(crate) struct StepMetrics {
    handlers: HashMap<String, HandlerSeries>,
    unknown: HandlerSeries,
    in_flight: OnceLock<Gauge>,
}

impl StepMetrics {
    /// Handles for `handlers`.
    pub(crate) fn new(handlers: impl IntoIterator<Item = String>) -> Self {
        Self {
            handlers: handlers
                .into_iter()
                .map(|name| {
                    let series = HandlerSeries::new(&name);
                    (name, series)
                })
                .collect(),
            unknown: HandlerSeries::new("unknown"),
            in_flight: OnceLock::new(),
        }
    }

    /// Counts an attempt of `handler` that ran for `ran`.
    pub(crate) fn record(&self, handler: &str, outcome: StepOutcome, ran: Duration) {
        self.handlers
            .get(handler)
            .unwrap_or(&self.unknown)
            .record(outcome, ran);
    }

    /// Sets the number of steps in flight.
    pub(crate) fn set_in_flight(&self, count: usize) {
        self.in_flight
            .get_or_init(|| metrics::gauge!("tasker_worker_steps_in_flight"))
            .set(count as f64);
    }
}

/// Installs the process's Prometheus recorder and describes the worker's
/// metrics. Call it before the worker starts.
///
/// # Errors
/// A message when a recorder is installed already.
pub fn install() -> Result<PrometheusHandle, String> {
    let handle = PrometheusBuilder::new()
        .set_buckets(&[
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            30.0, 60.0, 300.0,
        ])
        .map_err(|e| e.to_string())?
        .install_recorder()
        .map_err(|e| e.to_string())?;
    describe();
    Ok(handle)
}

/// Help texts of the worker's metrics.
pub fn describe() {
    metrics::describe_counter!(
        "tasker_worker_steps_total",
        "Step attempts run by this worker, by handler and outcome (succeeded, retryable_failure, permanent_failure, abandoned)"
    );
    metrics::describe_histogram!(
        "tasker_worker_step_duration_seconds",
        metrics::Unit::Seconds,
        "How long handlers ran, by handler"
    );
    metrics::describe_gauge!(
        "tasker_worker_steps_in_flight",
        "Steps claimed by this worker and not yet reported"
    );
}

/// The Prometheus text exposition of `handle`, as an HTTP answer.
pub fn exposition(handle: &PrometheusHandle) -> Response<ResponseBody> {
    let text = http_body_util::Full::new(tasker_gateway::Bytes::from(handle.render()));
    let mut response = Response::new(text.map_err(|never| match never {}).boxed_unsync());
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

/// Answers `GET <path>` with the exposition before the inner service sees
/// the request.
#[derive(Clone, Debug)]
pub struct MetricsRouteLayer {
    path: Arc<str>,
    handle: PrometheusHandle,
}

impl MetricsRouteLayer {
    /// The exposition of `handle` at `path`.
    pub fn new(path: &str, handle: PrometheusHandle) -> Self {
        Self {
            path: Arc::from(path),
            handle,
        }
    }
}

impl<S> tower::Layer<S> for MetricsRouteLayer {
    type Service = MetricsRoute<S>;

    fn layer(&self, inner: S) -> Self::Service {
        MetricsRoute {
            inner,
            layer: self.clone(),
        }
    }
}

/// See [`MetricsRouteLayer`].
#[derive(Clone, Debug)]
pub struct MetricsRoute<S> {
    inner: S,
    layer: MetricsRouteLayer,
}

impl<S, B> tower::Service<Request<B>> for MetricsRoute<S>
where
    S: tower::Service<Request<B>, Response = Response<ResponseBody>>,
    S::Future: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = S::Error;
    type Future = futures_util::future::Either<
        std::future::Ready<Result<Response<ResponseBody>, S::Error>>,
        S::Future,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        if request.uri().path() == &*self.layer.path && request.method() == http::Method::GET {
            let response = exposition(&self.layer.handle);
            return futures_util::future::Either::Left(std::future::ready(Ok(response)));
        }
        futures_util::future::Either::Right(self.inner.call(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_handlers_share_one_series() {
        let metrics = StepMetrics::new(["a".to_owned()]);
        assert_eq!(&*metrics.handlers["a"].handler, "a");
        assert!(!metrics.handlers.contains_key("b"));
        assert_eq!(&*metrics.unknown.handler, "unknown");
        // Recording without a recorder is a no-op, never a panic.
        metrics.record("b", StepOutcome::Abandoned, Duration::from_millis(1));
        metrics.set_in_flight(3);
    }
}
