//! The one-port service: gRPC and gRPC-Web go to the tonic services (through
//! tonic-web), Connect calls to the Connect handler and everything else to
//! the REST transcoder; both call the same tonic services in-process. Plus
//! the `grpc-timeout` deadline layer that tonic's router does not apply by
//! itself.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use tower::{Layer, Service, ServiceExt as _};

use crate::check::GrpcCheck;
use crate::connect::Connect;
use crate::drain;
use crate::grpc::{BoxError, parse_grpc_timeout};
use crate::transcode::{ResponseBody, Transcoder, without_body};

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// A static document served over plain HTTP GET (for example `/openapi.json`).
#[derive(Debug, Clone)]
pub struct Document {
    /// Request path, for example `/openapi.json`.
    pub path: String,
    /// Content type.
    pub content_type: &'static str,
    /// The bytes.
    pub body: Bytes,
}

/// Serves gRPC, gRPC-Web, Connect and REST from one tower service.
#[derive(Clone)]
pub struct OnePort<S> {
    grpc: S,
    checked: GrpcCheck<S>,
    grpc_web: tonic_web::GrpcWebService<GrpcCheck<S>>,
    rest: Transcoder,
    connect: Connect,
    documents: Arc<Vec<Document>>,
}

impl<S: Clone> OnePort<S> {
    /// Dispatches to `grpc` (the tonic services with their interceptors),
    /// serves the Connect protocol for the services of `rest`'s descriptor
    /// pool and transcodes REST with `rest`. gRPC, gRPC-Web and Connect
    /// protobuf input pass the input checks of [`GrpcCheck`] (methods of the
    /// transcoder's descriptor pool in full, others their framing), with the
    /// body read timeout and the message size limit of `rest`'s options.
    pub fn new(grpc: S, rest: Transcoder, documents: Vec<Document>) -> Self {
        let checked = GrpcCheck::new(grpc.clone(), rest.pool(), rest.body_read_timeout())
            .with_max_message_bytes(rest.max_message_bytes());
        let grpc_web = tonic_web::GrpcWebLayer::new().layer(checked.clone());
        let connect = Connect::new(rest.pool(), rest.options());
        Self {
            grpc,
            checked,
            grpc_web,
            rest,
            connect,
            documents: Arc::new(documents),
        }
    }

    /// Tells which protocol a request speaks, exactly as this service's
    /// dispatch decides it (for request spans and metrics in front of it).
    pub fn classifier(&self) -> Classifier {
        Classifier {
            connect: self.connect.clone(),
            rest: self.rest.clone(),
        }
    }
}

/// The protocol of a request on the one port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// gRPC over HTTP/2.
    Grpc,
    /// gRPC-Web (binary or text).
    GrpcWeb,
    /// The Connect protocol (unary, GET or streaming).
    Connect,
    /// REST/JSON, or any other HTTP request (documents, unknown paths).
    Rest,
}

impl Protocol {
    /// A label for the protocol: `grpc`, `grpc-web`, `connect`, `rest`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Grpc => "grpc",
            Self::GrpcWeb => "grpc-web",
            Self::Connect => "connect",
            Self::Rest => "rest",
        }
    }
}

/// See [`OnePort::classifier`].
#[derive(Debug, Clone)]
pub struct Classifier {
    connect: Connect,
    rest: Transcoder,
}

impl Classifier {
    /// The protocol `request` will be served with.
    pub fn protocol<B>(&self, request: &Request<B>) -> Protocol {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if content_type.starts_with("application/grpc-web") {
            Protocol::GrpcWeb
        } else if content_type.starts_with("application/grpc") {
            Protocol::Grpc
        } else if self.connect.claims(request, &self.rest) {
            Protocol::Connect
        } else {
            Protocol::Rest
        }
    }
}

impl<S> std::fmt::Debug for OnePort<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnePort")
            .field("documents", &self.documents.len())
            .finish_non_exhaustive()
    }
}

/// Whether a request is gRPC or gRPC-Web (by content type).
pub fn is_grpc<B>(request: &Request<B>) -> bool {
    request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/grpc"))
}

impl<S, B> Service<Request<B>> for OnePort<S>
where
    S: Service<
            Request<tonic::body::Body>,
            Response = Response<tonic::body::Body>,
            Error = Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError> + std::fmt::Display,
{
    type Response = Response<ResponseBody>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        if is_grpc(&request) {
            let service = self.grpc_web.clone();
            if request.version() == http::Version::HTTP_2 {
                return Box::pin(async move {
                    let response = service.oneshot(request).await?;
                    Ok(response.map(|body| body.map_err(BoxError::from).boxed_unsync()))
                });
            }
            // An early answer (a refused credential, an unknown method, bad
            // framing) must not cost an HTTP/1.1 client its connection.
            let (request, guard) = drain::guard(request, self.rest.drain_limits());
            return Box::pin(async move {
                let mut response = service
                    .oneshot(request)
                    .await?
                    .map(|body| body.map_err(BoxError::from).boxed_unsync());
                guard.finish(&mut response);
                Ok(response)
            });
        }
        let head = request.method() == Method::HEAD;
        if (head || request.method() == Method::GET)
            && let Some(document) = self
                .documents
                .iter()
                .find(|d| d.path == request.uri().path())
        {
            let (_request, guard) = drain::guard(request, self.rest.drain_limits());
            let mut response = Response::new(
                Full::new(document.body.clone())
                    .map_err(|never| match never {})
                    .boxed_unsync(),
            );
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static(document.content_type),
            );
            *response.status_mut() = StatusCode::OK;
            if head {
                without_body(&mut response);
            }
            guard.finish(&mut response);
            return Box::pin(async move { Ok(response) });
        }
        let grpc = self.grpc.clone();
        if self.connect.claims(&request, &self.rest) {
            let checked = self.checked.clone();
            let connect = self.connect.clone();
            return Box::pin(async move { Ok(connect.handle(grpc, checked, request).await) });
        }
        let rest = self.rest.clone();
        Box::pin(async move { Ok(rest.handle(grpc, request).await) })
    }
}

/// Applies the `grpc-timeout` request header as a deadline: when it passes,
/// the call is abandoned and answered with DEADLINE_EXCEEDED.
#[derive(Debug, Clone, Copy, Default)]
pub struct GrpcTimeoutLayer;

impl<S> Layer<S> for GrpcTimeoutLayer {
    type Service = GrpcTimeout<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GrpcTimeout { inner }
    }
}

/// Service of [`GrpcTimeoutLayer`].
#[derive(Debug, Clone)]
pub struct GrpcTimeout<S> {
    inner: S,
}

impl<S, B> Service<Request<B>> for GrpcTimeout<S>
where
    S: Service<Request<B>, Response = Response<tonic::body::Body>, Error = Infallible> + Send,
    S::Future: Send + 'static,
{
    type Response = Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let timeout = request
            .headers()
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_grpc_timeout);
        let future = self.inner.call(request);
        Box::pin(async move {
            match timeout {
                None => future.await,
                Some(timeout) => match tokio::time::timeout(timeout, future).await {
                    Ok(result) => result,
                    Err(_) => Ok(tonic::Status::deadline_exceeded("deadline exceeded").into_http()),
                },
            }
        })
    }
}
