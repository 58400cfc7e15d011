//! The Prometheus side of a process: the recorder every `metrics` handle of
//! the process records into ([`install_recorder`]), and its text exposition
//! ([`Exposition`]), answered at a path of the process's port (as a tower
//! layer) or by a listener that serves nothing else ([`Exposition::only`]).

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::future::Either;
use http::{HeaderValue, Request, Response};
use http_body_util::BodyExt as _;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tasker_gateway::transcode::ResponseBody;

use crate::RuntimeError;

/// How often the recorder folds the histogram samples recorded since into
/// their buckets (the exporter's own default).
const UPKEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Installs the process's Prometheus recorder: histograms get `buckets`,
/// except the metrics named in `per_metric`, which get their own.
///
/// The recorder keeps every histogram sample until upkeep folds it into the
/// buckets; a scrape does that too, but a process nobody scrapes would grow
/// by each sample. A thread of the process (the recorder is the process's)
/// runs the upkeep every few seconds.
///
/// # Errors
/// [`RuntimeError::Metrics`] when the buckets are invalid or a recorder is
/// installed already.
pub fn install_recorder(
    buckets: &[f64],
    per_metric: &[(&str, &[f64])],
) -> Result<PrometheusHandle, RuntimeError> {
    let failed = |e: metrics_exporter_prometheus::BuildError| RuntimeError::Metrics(e.to_string());
    let mut builder = PrometheusBuilder::new()
        .set_buckets(buckets)
        .map_err(failed)?;
    for (name, buckets) in per_metric {
        builder = builder
            .set_buckets_for_metric(Matcher::Full((*name).to_owned()), buckets)
            .map_err(failed)?;
    }
    let handle = builder.install_recorder().map_err(failed)?;
    let upkeep = handle.clone();
    std::thread::Builder::new()
        .name("metrics-upkeep".into())
        .spawn(move || {
            loop {
                std::thread::sleep(UPKEEP_EVERY);
                upkeep.run_upkeep();
            }
        })
        .map_err(|e| RuntimeError::Metrics(format!("cannot start the metrics upkeep: {e}")))?;
    Ok(handle)
}

/// Refreshes the gauges read at scrape time.
pub type Gauges = Arc<dyn Fn() + Send + Sync>;

/// The exposition of a recorder at a path, served without credentials.
#[derive(Clone)]
pub struct Exposition {
    path: Arc<str>,
    handle: PrometheusHandle,
    refresh: Option<Gauges>,
}

impl std::fmt::Debug for Exposition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exposition")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Exposition {
    /// The exposition of `handle` at `path`.
    pub fn new(path: &str, handle: PrometheusHandle) -> Self {
        Self {
            path: Arc::from(path),
            handle,
            refresh: None,
        }
    }

    /// The same, with `gauges` refreshed before each rendering.
    #[must_use]
    pub fn refreshing(mut self, gauges: Gauges) -> Self {
        self.refresh = Some(gauges);
        self
    }

    /// The path it is served at.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether `request` asks for it: `GET` of its path.
    pub fn matches<B>(&self, request: &Request<B>) -> bool {
        request.uri().path() == &*self.path && request.method() == http::Method::GET
    }

    /// The text exposition, as an HTTP answer (after refreshing the gauges
    /// read at scrape time).
    pub fn render(&self) -> Response<ResponseBody> {
        if let Some(refresh) = &self.refresh {
            refresh();
        }
        let text = http_body_util::Full::new(tasker_gateway::Bytes::from(self.handle.render()));
        let mut response = Response::new(text.map_err(|never| match never {}).boxed_unsync());
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        );
        response
    }

    /// The service of a listener that serves only the exposition (anything
    /// else is 404).
    pub fn only<B>(
        self,
    ) -> impl tower::Service<
        Request<B>,
        Response = Response<ResponseBody>,
        Error = Infallible,
        Future = std::future::Ready<Result<Response<ResponseBody>, Infallible>>,
    > + Clone
    + Send
    + 'static {
        tower::service_fn(move |request: Request<B>| {
            let response = if self.matches(&request) {
                self.render()
            } else {
                let empty = http_body_util::Empty::new().map_err(|never| match never {});
                let mut response = Response::new(empty.boxed_unsync());
                *response.status_mut() = http::StatusCode::NOT_FOUND;
                response
            };
            std::future::ready(Ok(response))
        })
    }
}

/// Answers `GET <path>` with the exposition before the inner service sees
/// the request.
impl<S> tower::Layer<S> for Exposition {
    type Service = ExpositionRoute<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ExpositionRoute {
            inner,
            exposition: self.clone(),
        }
    }
}

/// A service answering its [`Exposition`]'s path itself, anything else by
/// the inner service.
#[derive(Clone, Debug)]
pub struct ExpositionRoute<S> {
    inner: S,
    exposition: Exposition,
}

impl<S, B> tower::Service<Request<B>> for ExpositionRoute<S>
where
    S: tower::Service<Request<B>, Response = Response<ResponseBody>>,
    S::Future: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = S::Error;
    type Future = Either<std::future::Ready<Result<Response<ResponseBody>, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        if self.exposition.matches(&request) {
            return Either::Left(std::future::ready(Ok(self.exposition.render())));
        }
        Either::Right(self.inner.call(request))
    }
}
