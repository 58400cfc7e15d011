//! The listener: HTTP/1.1 and HTTP/2 (h2c prior knowledge, or h2 and
//! HTTP/1.1 over TLS when a rustls configuration is given) on one port, with
//! connection limits and graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;

use crate::grpc::BoxError;
use crate::limits::ConnectionLimits;

/// Connection-level settings.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// HTTP/2 `SETTINGS_MAX_CONCURRENT_STREAMS`.
    pub http2_max_concurrent_streams: u32,
    /// Interval of HTTP/2 keep-alive pings (`None` disables them).
    pub http2_keepalive_interval: Option<Duration>,
    /// How long to wait for a keep-alive ping acknowledgement.
    pub http2_keepalive_timeout: Duration,
    /// Largest header block accepted (HTTP/2 `SETTINGS_MAX_HEADER_LIST_SIZE`
    /// and the HTTP/1.1 read buffer).
    pub max_header_bytes: u32,
    /// How long connections get to finish after shutdown begins.
    pub shutdown_grace: Duration,
    /// TLS on every connection; `None` serves plain TCP.
    pub tls: Option<Tls>,
    /// Connection count and timeouts (the body read timeout is applied by
    /// [`OnePort`](crate::OnePort), which knows the request's protocol).
    pub limits: ConnectionLimits,
}

/// A rustls server configuration for the listener (ALPN `h2` and
/// `http/1.1`).
#[derive(Clone)]
pub struct Tls(Arc<ServerConfig>);

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tls([rustls server config])")
    }
}

/// TLS settings as configured: a PEM certificate chain and its private key;
/// both empty serve plain TCP.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TlsFiles {
    /// PEM certificate chain (empty: no TLS).
    pub cert_path: std::path::PathBuf,
    /// PEM private key.
    pub key_path: std::path::PathBuf,
}

impl TlsFiles {
    /// Whether TLS is configured.
    pub fn enabled(&self) -> bool {
        !self.cert_path.as_os_str().is_empty()
    }

    /// The rustls configuration; `None` when both paths are empty.
    ///
    /// # Errors
    /// [`std::io::ErrorKind::InvalidInput`] when only one path is set; as
    /// [`Tls::from_pem_files`] otherwise.
    pub fn load(&self) -> std::io::Result<Option<Tls>> {
        match (
            self.cert_path.as_os_str().is_empty(),
            self.key_path.as_os_str().is_empty(),
        ) {
            (true, true) => Ok(None),
            (false, false) => Tls::from_pem_files(&self.cert_path, &self.key_path).map(Some),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "set both cert_path and key_path, or neither",
            )),
        }
    }
}

/// How long a client gets to complete the TLS handshake.
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

impl Tls {
    /// Loads a PEM certificate chain and its PEM private key (PKCS#8,
    /// PKCS#1 or SEC1).
    ///
    /// # Errors
    /// An I/O error naming the file that cannot be read or parsed, or the
    /// key that does not match.
    pub fn from_pem_files(cert_path: &Path, key_path: &Path) -> std::io::Result<Self> {
        use rustls_pki_types::pem::PemObject as _;
        use rustls_pki_types::{CertificateDer, PrivateKeyDer};
        let invalid = |what: &Path, e: &dyn std::fmt::Display| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", what.display()),
            )
        };
        let certs = CertificateDer::pem_file_iter(cert_path)
            .map_err(|e| invalid(cert_path, &e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| invalid(cert_path, &e))?;
        if certs.is_empty() {
            return Err(invalid(cert_path, &"no certificate"));
        }
        let key = PrivateKeyDer::from_pem_file(key_path).map_err(|e| invalid(key_path, &e))?;
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| invalid(cert_path, &e))?
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .map_err(|e| invalid(key_path, &e))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Self(Arc::new(config)))
    }

    /// Uses a rustls configuration as it is.
    pub fn from_config(config: Arc<ServerConfig>) -> Self {
        Self(config)
    }
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            http2_max_concurrent_streams: 256,
            http2_keepalive_interval: Some(Duration::from_secs(30)),
            http2_keepalive_timeout: Duration::from_secs(20),
            max_header_bytes: 16 * 1024,
            shutdown_grace: Duration::from_secs(10),
            tls: None,
            limits: ConnectionLimits::default(),
        }
    }
}

/// Runs one connection until it ends: on shutdown, and after the idle
/// timeout with no request in progress, it is asked to finish gracefully.
/// (A macro: hyper-util's graceful-shutdown trait is sealed, and the
/// connection types of the TLS and plain branches differ.)
macro_rules! drive {
    ($connection:expr, $activity:expr, $idle_timeout:expr, $stopping:expr, $peer:expr) => {{
        let connection = $connection;
        tokio::pin!(connection);
        let mut stopping = $stopping;
        let mut finishing = *stopping.borrow();
        if finishing {
            connection.as_mut().graceful_shutdown();
        }
        // An idle connection asked to finish gets as long again to do so
        // (an HTTP/2 peer must answer the GOAWAY's PING), then is dropped.
        let mut closing_idle: Option<std::pin::Pin<Box<tokio::time::Sleep>>> = None;
        loop {
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(peer = %$peer, error = %error, "connection ended with an error");
                    }
                    break;
                }
                () = async {
                    if let Some(sleep) = closing_idle.as_mut() {
                        sleep.as_mut().await;
                    }
                }, if closing_idle.is_some() => {
                    tracing::debug!(peer = %$peer, "dropping an idle connection that did not finish");
                    break;
                }
                changed = stopping.changed(), if !finishing => {
                    if changed.is_err() || *stopping.borrow() {
                        connection.as_mut().graceful_shutdown();
                        finishing = true;
                    }
                }
                () = $activity.idle_for($idle_timeout), if !finishing => {
                    tracing::debug!(peer = %$peer, "closing an idle connection");
                    connection.as_mut().graceful_shutdown();
                    finishing = true;
                    let grace = $idle_timeout.min(Duration::from_secs(10));
                    closing_idle = Some(Box::pin(tokio::time::sleep(grace)));
                }
            }
        }
    }};
}

/// Serves `service` on `listener` until `shutdown` resolves, then stops
/// accepting, asks every connection to finish (HTTP/2 GOAWAY, HTTP/1.1
/// close after the current response), and waits up to the grace period.
/// Returns `true` when every connection finished within it.
///
/// At most `options.limits.max_connections` connections are open at once: one
/// more is accepted and closed at once (plain TCP: after a
/// `503 Service Unavailable`), so a flood of idle connections cannot use up
/// the process's descriptors while existing connections keep working. A
/// connection with no request in progress for `idle_timeout` is closed, and
/// an HTTP/1.1 request head must arrive within `header_read_timeout`.
pub async fn serve<S, B>(
    listener: TcpListener,
    service: S,
    options: ServeOptions,
    shutdown: impl Future<Output = ()>,
) -> bool
where
    S: tower::Service<Request<Incoming>, Response = Response<B>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let limits = options.limits.clone();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout())
        .max_buf_size(options.max_header_bytes.max(8192) as usize);
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_concurrent_streams(options.http2_max_concurrent_streams)
        .keep_alive_interval(options.http2_keepalive_interval)
        .keep_alive_timeout(options.http2_keepalive_timeout)
        .max_header_list_size(options.max_header_bytes);
    let acceptor = options
        .tls
        .as_ref()
        .map(|tls| TlsAcceptor::from(Arc::clone(&tls.0)));
    let max_connections = limits.max_connections.max(1);
    let slots = Arc::new(Semaphore::new(max_connections));
    let (stop, stopping) = watch::channel(false);
    let idle_timeout = limits.idle_timeout();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
                    refuse(&stream, acceptor.is_none());
                    tracing::debug!(%peer, max_connections, "connection refused: too many open connections");
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let activity = Activity::new();
                let service = TowerToHyperService::new(Tracked {
                    inner: service.clone(),
                    activity: Arc::clone(&activity),
                });
                let builder = builder.clone();
                let acceptor = acceptor.clone();
                let stopping = stopping.clone();
                tokio::spawn(async move {
                    let _slot = slot;
                    match acceptor {
                        None => {
                            drive!(builder.serve_connection(TokioIo::new(stream), service), activity, idle_timeout, stopping, peer);
                        }
                        Some(acceptor) => {
                            let stream = match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                                Ok(Ok(stream)) => stream,
                                Ok(Err(error)) => {
                                    tracing::debug!(%peer, error = %error, "TLS handshake failed");
                                    return;
                                }
                                Err(_) => {
                                    tracing::debug!(%peer, "TLS handshake timed out");
                                    return;
                                }
                            };
                            drive!(builder.serve_connection(TokioIo::new(stream), service), activity, idle_timeout, stopping, peer);
                        }
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = stop.send(true);
    let all = u32::try_from(max_connections).unwrap_or(u32::MAX);
    tokio::time::timeout(options.shutdown_grace, slots.acquire_many(all))
        .await
        .is_ok()
}

/// Answers a connection over the limit: a 503 when the protocol is plain
/// HTTP (written without waiting, never blocking the accept loop), then
/// close. HTTP/2 and TLS clients see the connection closed.
fn refuse(stream: &tokio::net::TcpStream, plain: bool) {
    if plain {
        let _ = stream.try_write(
            b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\nretry-after: 1\r\n\r\n",
        );
    }
}

/// Requests in progress on one connection, and when the last one ended.
#[derive(Debug)]
struct Activity {
    in_progress: AtomicUsize,
    /// Milliseconds since `started` at the end of the last request.
    last_end_ms: AtomicU64,
    started: tokio::time::Instant,
    /// Signalled when the last request in progress ends.
    ended: tokio::sync::Notify,
}

impl Activity {
    fn new() -> Arc<Self> {
        Arc::new(Self {
            in_progress: AtomicUsize::new(0),
            last_end_ms: AtomicU64::new(0),
            started: tokio::time::Instant::now(),
            ended: tokio::sync::Notify::new(),
        })
    }

    fn begin(self: &Arc<Self>) -> InProgress {
        self.in_progress.fetch_add(1, Ordering::AcqRel);
        InProgress(Arc::clone(self))
    }

    /// Resolves once the connection has had no request in progress for
    /// `timeout`. While requests are in progress it sleeps until the last
    /// one ends (no timer per busy connection).
    async fn idle_for(&self, timeout: Duration) {
        loop {
            let ended = self.ended.notified();
            tokio::pin!(ended);
            ended.as_mut().enable();
            if self.in_progress.load(Ordering::Acquire) > 0 {
                ended.await;
                continue;
            }
            let last_end =
                self.started + Duration::from_millis(self.last_end_ms.load(Ordering::Acquire));
            let due = last_end + timeout;
            if tokio::time::Instant::now() >= due {
                return;
            }
            // A request may start (and end) meanwhile: look again when due.
            tokio::time::sleep_until(due).await;
        }
    }
}

/// One request in progress: from the call until its response body is done
/// (or dropped).
#[derive(Debug)]
struct InProgress(Arc<Activity>);

impl Drop for InProgress {
    fn drop(&mut self) {
        let elapsed = u64::try_from(self.0.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.0.last_end_ms.fetch_max(elapsed, Ordering::AcqRel);
        if self.0.in_progress.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.ended.notify_waiters();
        }
    }
}

/// The service, counting requests in progress on its connection.
#[derive(Clone)]
struct Tracked<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S, B> tower::Service<Request<Incoming>> for Tracked<S>
where
    S: tower::Service<Request<Incoming>, Response = Response<B>, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response<TrackedBody<B>>;
    type Error = Infallible;
    type Future =
        std::pin::Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Incoming>) -> Self::Future {
        let guard = self.activity.begin();
        let future = self.inner.call(request);
        Box::pin(async move {
            let response = future.await?;
            Ok(response.map(|body| TrackedBody {
                inner: body,
                _guard: guard,
            }))
        })
    }
}

pin_project_lite::pin_project! {
    /// A response body that keeps its request counted as in progress.
    struct TrackedBody<B> {
        #[pin]
        inner: B,
        _guard: InProgress,
    }
}

impl<B: http_body::Body> http_body::Body for TrackedBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.project().inner.poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Resolves on SIGINT or SIGTERM: the usual `shutdown` future for [`serve`]
/// in a process that stops on those signals.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
