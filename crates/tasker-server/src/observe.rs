//! What an operator sees of each request, created once at the listener for
//! every protocol: a request id, one span, and Prometheus metrics.
//!
//! [`ObserveLayer`] wraps the whole port. It takes the client's
//! `x-request-id` (visible ASCII, at most 128 bytes) or makes one (UUIDv7),
//! puts it on the request (so the gateway forwards it to the services as
//! metadata) and on every response, classifies the protocol (gRPC, gRPC-Web,
//! Connect, REST) and opens the `request` span — request id, protocol, HTTP method and
//! path, the caller's principal (recorded by the auth layer), and, when
//! spans are exported, the HTTP status and the time to the response head —
//! that every log line of the request carries. It also answers the metrics path with the Prometheus exposition.
//!
//! [`RpcMetricsLayer`] sits in front of the services, where gRPC, gRPC-Web
//! and transcoded REST calls are all gRPC: it counts each call by method,
//! protocol and gRPC code (read from the response head, or from the trailers
//! when the body ends) and records its duration. An error answered in the
//! response head gets a `google.rpc.RequestInfo` detail naming the request
//! id, so every protocol's error body carries it.

use std::collections::HashSet;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, ready};
use std::time::Instant;

use http::{HeaderValue, Request, Response};
use http_body::{Body, Frame};
use metrics_exporter_prometheus::PrometheusHandle;
use tasker_gateway::transcode::ResponseBody;
use tasker_runtime::metrics::Exposition;
use tracing::Instrument as _;

/// The header carrying a request's id, in both directions.
pub const REQUEST_ID: &str = "x-request-id";

/// The W3C trace context header: a request carrying one continues the
/// caller's trace.
pub const TRACEPARENT: &str = tasker_telemetry::TRACEPARENT;

/// Longest request id accepted from a client.
const MAX_REQUEST_ID: usize = 128;

/// The id of a request, in its extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub Arc<str>);

/// The protocol a request came in with (gRPC, gRPC-Web, Connect, REST), in
/// its extensions: decided by the gateway's own dispatch rules.
pub use tasker_gateway::Protocol;

/// The process's Prometheus recorder, installed on first use (one per
/// process: every server of a process shares it).
///
/// # Errors
/// A message when another recorder was installed first.
pub fn metrics_handle() -> Result<PrometheusHandle, String> {
    static HANDLE: OnceLock<Result<PrometheusHandle, String>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let handle = tasker_runtime::metrics::install_recorder(
                &[
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                    10.0, 30.0,
                ],
                // A count of writes, not seconds.
                &[(
                    "tasker_store_batch_writes",
                    &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0],
                )],
            )
            .map_err(|e| e.to_string())?;
            describe();
            Ok(handle)
        })
        .clone()
}

/// Help texts of the server's metrics.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "tasker_rpc_requests_total",
        "RPCs answered, by method, protocol and gRPC code"
    );
    describe_histogram!(
        "tasker_rpc_duration_seconds",
        metrics::Unit::Seconds,
        "Time from an RPC's arrival to the end of its answer, by method and protocol"
    );
    describe_counter!(
        "tasker_tasks_created_total",
        "Tasks created, by namespace and template name"
    );
    describe_counter!(
        "tasker_steps_claimed_total",
        "Steps handed to workers under a lease"
    );
    describe_counter!(
        "tasker_step_results_total",
        "Attempt outcomes recorded, by outcome (completed, failed, retrying, cancelled)"
    );
    describe_gauge!(
        "tasker_writer_queued",
        "Writes waiting for the SQLite writer (0 on PostgreSQL)"
    );
    describe_gauge!(
        "tasker_writes_in_flight",
        "Writes running, whether or not their clients still wait"
    );
    describe_gauge!(
        "tasker_ready_steps",
        "Steps ready to be claimed, over every namespace (counted every second)"
    );
    describe_gauge!(
        "tasker_watch_streams",
        "Open task-status and claim watch streams"
    );
    crate::figures::describe();
}

/// The layer of [`ObserveService`].
#[derive(Clone, Debug)]
pub struct ObserveLayer {
    metrics: Option<Exposition>,
    classifier: tasker_gateway::Classifier,
}

impl ObserveLayer {
    /// Request ids and spans, each request's protocol told by `classifier`
    /// (the one port's); with `metrics`, the exposition served at its path.
    pub fn new(metrics: Option<Exposition>, classifier: tasker_gateway::Classifier) -> Self {
        Self {
            metrics,
            classifier,
        }
    }
}

impl<S> tower::Layer<S> for ObserveLayer {
    type Service = ObserveService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ObserveService {
            inner,
            layer: self.clone(),
        }
    }
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub struct ObserveService<S> {
    inner: S,
    layer: ObserveLayer,
}

fn valid_request_id(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty() && bytes.len() <= MAX_REQUEST_ID && bytes.iter().all(|b| b.is_ascii_graphic())
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, B> tower::Service<Request<B>> for ObserveService<S>
where
    S: tower::Service<Request<B>, Response = Response<ResponseBody>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    B: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Response<ResponseBody>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let id = match request.headers().get(REQUEST_ID) {
            Some(value) if valid_request_id(value) => value.clone(),
            _ => {
                let made = HeaderValue::from_str(&tasker_core::new_uuid().to_string());
                match made {
                    Ok(value) => value,
                    Err(_) => HeaderValue::from_static("unknown"),
                }
            }
        };
        let id_text: Arc<str> = Arc::from(id.to_str().unwrap_or("unknown"));
        request.headers_mut().insert(REQUEST_ID, id.clone());
        let protocol = self.layer.classifier.protocol(&request);
        request
            .extensions_mut()
            .insert(RequestId(Arc::clone(&id_text)));
        request.extensions_mut().insert(protocol);

        if let Some(exposition) = &self.layer.metrics
            && exposition.matches(&request)
        {
            let mut response = exposition.render();
            response.headers_mut().insert(REQUEST_ID, id);
            return Box::pin(async move { Ok(response) });
        }

        let span = tracing::info_span!(
            "request",
            request_id = &*id_text,
            protocol = protocol.as_str(),
            method = request.method().as_str(),
            path = request.uri().path(),
            principal = tracing::field::Empty,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            trace_id = tracing::field::Empty,
        );
        tasker_telemetry::continue_trace(&span, request.headers());
        let started = Instant::now();
        let future = self.inner.call(request);
        Box::pin(
            async move {
                let mut response = future.await?;
                // Known only now, after every log line of the request: of
                // use to the exported span alone.
                if tasker_telemetry::exports_spans() {
                    let span = tracing::Span::current();
                    span.record("status", response.status().as_u16());
                    span.record("latency_ms", started.elapsed().as_secs_f64() * 1e3);
                }
                response.headers_mut().insert(REQUEST_ID, id);
                Ok(response)
            }
            .instrument(span),
        )
    }
}

/// The layer of [`RpcMetricsService`].
#[derive(Clone, Debug)]
pub struct RpcMetricsLayer {
    series: Arc<SeriesTable>,
}

impl RpcMetricsLayer {
    /// Counts the RPCs whose paths (`/pkg.Service/Method`) are in `known`
    /// under their own names; any other path as `unknown`, so a client
    /// cannot grow the label set.
    pub fn new(known: HashSet<String>) -> Self {
        Self {
            series: Arc::new(SeriesTable::new(known)),
        }
    }
}

impl<S> tower::Layer<S> for RpcMetricsLayer {
    type Service = RpcMetricsService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RpcMetricsService {
            inner,
            series: Arc::clone(&self.series),
        }
    }
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub struct RpcMetricsService<S> {
    inner: S,
    series: Arc<SeriesTable>,
}

/// gRPC codes 0 (OK) to 16 (UNAUTHENTICATED).
const CODES: usize = 17;
const PROTOCOLS: [Protocol; 4] = [
    Protocol::Grpc,
    Protocol::GrpcWeb,
    Protocol::Connect,
    Protocol::Rest,
];

/// The metric handles of one method over one protocol, registered on first
/// use and kept, so a call looks nothing up and allocates nothing.
#[derive(Debug)]
struct Series {
    method: Arc<str>,
    protocol: Protocol,
    duration: OnceLock<metrics::Histogram>,
    codes: [OnceLock<metrics::Counter>; CODES],
}

impl Series {
    fn record(&self, code: tonic::Code, elapsed: std::time::Duration) {
        let labels = || {
            [
                ("method", self.method.to_string()),
                ("protocol", self.protocol.as_str().to_owned()),
            ]
        };
        self.duration
            .get_or_init(|| metrics::histogram!("tasker_rpc_duration_seconds", &labels()))
            .record(elapsed.as_secs_f64());
        let index = usize::try_from(code as i32).unwrap_or(2).min(CODES - 1);
        self.codes[index]
            .get_or_init(|| {
                let [method, protocol] = labels();
                metrics::counter!(
                    "tasker_rpc_requests_total",
                    &[method, protocol, ("code", format!("{code:?}"))]
                )
            })
            .increment(1);
    }
}

/// Every (method, protocol) series, indexed without hashing the protocol.
#[derive(Debug)]
struct SeriesTable {
    methods: std::collections::HashMap<String, usize>,
    /// `PROTOCOLS.len()` entries per method, then those of `unknown`.
    series: Vec<Series>,
}

impl SeriesTable {
    fn new(known: HashSet<String>) -> Self {
        let mut names: Vec<String> = known.into_iter().collect();
        names.sort();
        let methods = names
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), i))
            .collect();
        let series = names
            .into_iter()
            .chain(["unknown".to_owned()])
            .flat_map(|name| {
                let method: Arc<str> = Arc::from(name);
                PROTOCOLS.map(|protocol| Series {
                    method: Arc::clone(&method),
                    protocol,
                    duration: OnceLock::new(),
                    codes: std::array::from_fn(|_| OnceLock::new()),
                })
            })
            .collect();
        Self { methods, series }
    }

    fn index(&self, path: &str, protocol: Protocol) -> usize {
        let method = self
            .methods
            .get(path)
            .copied()
            .unwrap_or(self.methods.len());
        let protocol = PROTOCOLS.iter().position(|p| *p == protocol).unwrap_or(0);
        method * PROTOCOLS.len() + protocol
    }
}

/// One call being measured; recorded once, when its code is known.
struct Call {
    table: Arc<SeriesTable>,
    index: usize,
    started: Instant,
}

impl Call {
    fn record(self, code: tonic::Code) {
        if let Some(series) = self.table.series.get(self.index) {
            series.record(code, self.started.elapsed());
        }
    }
}

/// The code a `grpc-status` value names (UNKNOWN when it names none).
fn code_of(value: Option<&HeaderValue>) -> tonic::Code {
    value
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i32>().ok())
        .map_or(tonic::Code::Unknown, tonic::Code::from_i32)
}

impl<S, B> tower::Service<Request<B>> for RpcMetricsService<S>
where
    S: tower::Service<Request<B>, Response = Response<tonic::body::Body>> + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<tonic::body::Body>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Self::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let protocol = request
            .extensions()
            .get::<Protocol>()
            .copied()
            .unwrap_or(Protocol::Grpc);
        let call = Call {
            index: self.series.index(request.uri().path(), protocol),
            table: Arc::clone(&self.series),
            started: Instant::now(),
        };
        let request_id = request.extensions().get::<RequestId>().cloned();
        let future = self.inner.call(request);
        Box::pin(async move {
            let mut response = future.await?;
            if let Some(RequestId(id)) = request_id {
                crate::error::add_request_info(response.headers_mut(), &id);
            }
            // A trailers-only answer (errors, mostly) carries its code in
            // the head; otherwise it comes in the trailers.
            let call = match response.headers().get("grpc-status") {
                Some(status) => {
                    call.record(code_of(Some(status)));
                    None
                }
                None => Some(call),
            };
            Ok(response.map(|inner| tonic::body::Body::new(MeteredBody { inner, call })))
        })
    }
}

pin_project_lite::pin_project! {
    /// A response body that records its call's code when the trailers pass
    /// (or `Cancelled` when it is dropped before they do: the client left).
    pub struct MeteredBody<B> {
        #[pin]
        inner: B,
        call: Option<Call>,
    }

    impl<B> PinnedDrop for MeteredBody<B> {
        fn drop(this: Pin<&mut Self>) {
            if let Some(call) = this.project().call.take() {
                call.record(tonic::Code::Cancelled);
            }
        }
    }
}

impl<B: Body> Body for MeteredBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        let frame = ready!(this.inner.poll_frame(cx));
        match &frame {
            Some(Ok(frame)) => {
                if let Some(trailers) = frame.trailers_ref()
                    && let Some(call) = this.call.take()
                {
                    call.record(code_of(trailers.get("grpc-status")));
                }
            }
            // The body ended without trailers: no code was sent.
            None => {
                if let Some(call) = this.call.take() {
                    call.record(tonic::Code::Unknown);
                }
            }
            Some(Err(_)) => {
                if let Some(call) = this.call.take() {
                    call.record(tonic::Code::Internal);
                }
            }
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_bounded_visible_ascii() {
        assert!(valid_request_id(&HeaderValue::from_static("abc-123")));
        assert!(!valid_request_id(&HeaderValue::from_static("")));
        assert!(!valid_request_id(&HeaderValue::from_static("a b")));
        let long = "x".repeat(MAX_REQUEST_ID + 1);
        assert!(!valid_request_id(&HeaderValue::from_str(&long).unwrap()));
    }

    #[test]
    fn codes_are_read() {
        assert_eq!(
            code_of(Some(&HeaderValue::from_static("5"))),
            tonic::Code::NotFound
        );
        assert_eq!(
            code_of(Some(&HeaderValue::from_static("0"))),
            tonic::Code::Ok
        );
        assert_eq!(
            code_of(Some(&HeaderValue::from_static("x"))),
            tonic::Code::Unknown
        );
        assert_eq!(code_of(None), tonic::Code::Unknown);
    }

    #[test]
    fn series_are_indexed_by_method_and_protocol() {
        let table = SeriesTable::new(["/a.S/M".to_owned(), "/a.S/N".to_owned()].into());
        let m = table.index("/a.S/M", Protocol::Rest);
        let n = table.index("/a.S/N", Protocol::Grpc);
        let other = table.index("/evil/../path", Protocol::GrpcWeb);
        let connect = table.index("/a.S/N", Protocol::Connect);
        assert_eq!(&*table.series[m].method, "/a.S/M");
        assert_eq!(table.series[m].protocol, Protocol::Rest);
        assert_eq!(&*table.series[n].method, "/a.S/N");
        assert_eq!(&*table.series[other].method, "unknown");
        assert_eq!(table.series[other].protocol, Protocol::GrpcWeb);
        assert_eq!(&*table.series[connect].method, "/a.S/N");
        assert_eq!(table.series[connect].protocol, Protocol::Connect);
        // Two methods and `unknown`, four protocols each.
        assert_eq!(table.series.len(), 12);
    }
}
