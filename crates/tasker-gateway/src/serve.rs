//! The listener: HTTP/1.1 and HTTP/2 (h2c prior knowledge, or h2 and
//! HTTP/1.1 over TLS when a rustls configuration is given) on one port, with
//! connection limits and graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;

use crate::grpc::BoxError;

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
        }
    }
}

/// Serves `service` on `listener` until `shutdown` resolves, then stops
/// accepting, asks every connection to finish (HTTP/2 GOAWAY, HTTP/1.1
/// close after the current response), and waits up to the grace period.
/// Returns `true` when every connection finished within it.
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
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30))
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
    let graceful = GracefulShutdown::new();
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
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(service.clone());
                match &acceptor {
                    None => {
                        let connection = builder.serve_connection(TokioIo::new(stream), service).into_owned();
                        let connection = graceful.watch(connection);
                        tokio::spawn(async move {
                            if let Err(error) = connection.await {
                                tracing::debug!(%peer, error = %error, "connection ended with an error");
                            }
                        });
                    }
                    Some(acceptor) => {
                        let acceptor = acceptor.clone();
                        let builder = builder.clone();
                        let watcher = graceful.watcher();
                        tokio::spawn(async move {
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
                            let connection = builder.serve_connection(TokioIo::new(stream), service).into_owned();
                            if let Err(error) = watcher.watch(connection).await {
                                tracing::debug!(%peer, error = %error, "connection ended with an error");
                            }
                        });
                    }
                }
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => true,
        () = tokio::time::sleep(options.shutdown_grace) => false,
    }
}
