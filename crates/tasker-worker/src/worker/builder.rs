//! Building a worker: its settings, the credential added to every call and
//! the orchestrator's endpoint.

use std::time::Duration;

use tokio::sync::watch;
use tonic::metadata::{AsciiMetadataValue, MetadataValue};
use tonic::service::Interceptor;
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint};

use crate::WorkerError;
use crate::handler::HandlerRegistry;
use crate::retry::Backoff;

use super::{VERSION, Worker, WorkerStatus};

/// Adds the configured credential to every call.
#[derive(Clone, Default)]
pub(super) struct Auth {
    authorization: Option<AsciiMetadataValue>,
    api_key: Option<AsciiMetadataValue>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "[REDACTED]"),
            )
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

impl Interceptor for Auth {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(value) = &self.authorization {
            request
                .metadata_mut()
                .insert("authorization", value.clone());
        }
        if let Some(value) = &self.api_key {
            request.metadata_mut().insert("x-api-key", value.clone());
        }
        Ok(request)
    }
}

/// The endpoint of the orchestrator at `url`: `http://host:port`, or
/// `https://host:port` verified against the system's roots and `ca_pem`
/// (PEM certificates, for a private authority).
///
/// # Errors
/// [`WorkerError::InvalidUrl`] when the URL does not parse, has another
/// scheme, is `http://` with an authority given, or the TLS settings are
/// refused.
pub fn orchestrator_endpoint(url: &str, ca_pem: Option<&[u8]>) -> Result<Endpoint, WorkerError> {
    let invalid_url = |reason: String| WorkerError::InvalidUrl {
        url: url.to_owned(),
        reason,
    };
    let endpoint = Endpoint::from_shared(url.to_owned()).map_err(|e| invalid_url(e.to_string()))?;
    match endpoint.uri().scheme_str() {
        Some("http") if ca_pem.is_some() => Err(invalid_url(
            "a TLS certificate authority is set, but the URL is http:// (use https://)".into(),
        )),
        Some("http") => Ok(endpoint),
        Some("https") => {
            let mut tls = ClientTlsConfig::new().with_native_roots();
            if let Some(pem) = ca_pem {
                tls = tls.ca_certificate(Certificate::from_pem(pem));
            }
            endpoint
                .tls_config(tls)
                .map_err(|e| invalid_url(format!("TLS: {e}")))
        }
        _ => Err(invalid_url(
            "expected http://host:port or https://host:port".into(),
        )),
    }
}

/// Builds a [`Worker`]; start with [`Worker::builder`].
#[derive(Clone)]
pub struct WorkerBuilder {
    pub(super) url: String,
    pub(super) bearer_token: Option<String>,
    pub(super) api_key: Option<String>,
    pub(super) name: String,
    pub(super) namespaces: Vec<String>,
    pub(super) version: String,
    pub(super) concurrency: usize,
    pub(super) claim_batch_size: usize,
    pub(super) long_poll_wait: Duration,
    pub(super) drain_timeout: Duration,
    pub(super) default_step_timeout: Duration,
    pub(super) cancel_grace: Duration,
    pub(super) report_attempts: u32,
    pub(super) request_timeout: Duration,
    pub(super) connect_timeout: Duration,
    pub(super) tls_ca_pem: Option<Vec<u8>>,
    pub(super) backoff: Backoff,
}

impl std::fmt::Debug for WorkerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkerBuilder")
            .field("url", &self.url)
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field("name", &self.name)
            .field("namespaces", &self.namespaces)
            .field("concurrency", &self.concurrency)
            .field("claim_batch_size", &self.claim_batch_size)
            .field("long_poll_wait", &self.long_poll_wait)
            .field("drain_timeout", &self.drain_timeout)
            .finish_non_exhaustive()
    }
}

impl WorkerBuilder {
    pub(super) fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            bearer_token: None,
            api_key: None,
            name: "tasker-worker".to_owned(),
            namespaces: Vec::new(),
            version: VERSION.to_owned(),
            concurrency: 8,
            claim_batch_size: 8,
            long_poll_wait: Duration::from_secs(20),
            drain_timeout: Duration::from_secs(30),
            default_step_timeout: tasker_core::DEFAULT_STEP_TIMEOUT,
            cancel_grace: Duration::from_secs(2),
            report_attempts: 5,
            request_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            tls_ca_pem: None,
            backoff: Backoff::default(),
        }
    }

    /// Sends `authorization: Bearer <token>` with every call.
    #[must_use]
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// Sends `x-api-key: <key>` with every call.
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The name the worker registers under (default `tasker-worker`).
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The namespaces whose steps the worker claims (at least one).
    #[must_use]
    pub fn namespaces<I, S>(mut self, namespaces: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.namespaces = namespaces.into_iter().map(Into::into).collect();
        self
    }

    /// The version reported at registration (default: this SDK's version).
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// How many steps run at once (default 8).
    #[must_use]
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency;
        self
    }

    /// The most steps claimed in one `ClaimSteps` call (default 8); each call
    /// asks for at most as many as there are free slots.
    #[must_use]
    pub fn claim_batch_size(mut self, size: usize) -> Self {
        self.claim_batch_size = size;
        self
    }

    /// How long a `ClaimSteps` call waits for work (long poll, default 20 s).
    #[must_use]
    pub fn long_poll_wait(mut self, wait: Duration) -> Self {
        self.long_poll_wait = wait;
        self
    }

    /// How long in-flight steps get to finish after shutdown begins (default
    /// 30 s); steps still running then are stopped unreported and their
    /// leases released by deregistration.
    #[must_use]
    pub fn drain_timeout(mut self, timeout: Duration) -> Self {
        self.drain_timeout = timeout;
        self
    }

    /// Timeout of steps whose definition sets none (default 5 min).
    #[must_use]
    pub fn default_step_timeout(mut self, timeout: Duration) -> Self {
        self.default_step_timeout = timeout;
        self
    }

    /// How long a handler whose lease was lost gets to return after its
    /// cancellation token fires before it is aborted (default 2 s).
    #[must_use]
    pub fn cancel_grace(mut self, grace: Duration) -> Self {
        self.cancel_grace = grace;
        self
    }

    /// How many times a report (`CompleteStep`, `FailStep`) or
    /// `DeregisterWorker` is tried before giving up (default 5).
    #[must_use]
    pub fn report_attempts(mut self, attempts: u32) -> Self {
        self.report_attempts = attempts;
        self
    }

    /// Deadline of each call except `ClaimSteps`, which gets the long-poll
    /// wait on top (default 10 s).
    #[must_use]
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Deadline of establishing a connection (default 5 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// PEM certificate(s) of the authority that signed an `https://`
    /// orchestrator's certificate, trusted in addition to the system's roots
    /// (for a private CA or a self-signed certificate).
    #[must_use]
    pub fn tls_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.tls_ca_pem = Some(pem.into());
        self
    }

    /// Backoff between retries of failed calls (default 100 ms doubling up to
    /// 10 s, with jitter).
    #[must_use]
    pub fn retry_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Checks the settings and builds the worker around `registry`.
    ///
    /// # Errors
    /// [`WorkerError::InvalidUrl`] when the URL does not parse or is neither
    /// `http://` nor `https://` (or is `http://` with a TLS authority set),
    /// [`WorkerError::Config`] for an empty
    /// registry or namespace list, a zero concurrency, batch size or report
    /// attempt count, or a credential that is not a valid header value.
    pub fn build(self, registry: HandlerRegistry) -> Result<Worker, WorkerError> {
        let endpoint = orchestrator_endpoint(&self.url, self.tls_ca_pem.as_deref())?;
        let endpoint = endpoint
            .connect_timeout(self.connect_timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_timeout(Duration::from_secs(20))
            .keep_alive_while_idle(true);
        if registry.is_empty() {
            return Err(WorkerError::Config(
                "handlers: register at least one handler".into(),
            ));
        }
        if self.namespaces.is_empty() || self.namespaces.iter().any(String::is_empty) {
            return Err(WorkerError::Config(
                "namespaces: name at least one namespace, none empty".into(),
            ));
        }
        for (setting, value) in [
            ("concurrency", self.concurrency),
            ("claim_batch_size", self.claim_batch_size),
            ("report_attempts", self.report_attempts as usize),
        ] {
            if value == 0 {
                return Err(WorkerError::Config(format!(
                    "{setting}: must be at least 1"
                )));
            }
        }
        if self.default_step_timeout.is_zero() {
            return Err(WorkerError::Config(
                "default_step_timeout: must be greater than zero".into(),
            ));
        }
        let header = |setting: &str, value: String| {
            MetadataValue::try_from(value)
                .map_err(|_| WorkerError::Config(format!("{setting}: not a valid header value")))
        };
        let auth = Auth {
            authorization: match self.bearer_token.as_deref() {
                Some(token) if !token.is_empty() => {
                    Some(header("bearer_token", format!("Bearer {token}"))?)
                }
                _ => None,
            },
            api_key: match self.api_key.as_deref() {
                Some(key) if !key.is_empty() => Some(header("api_key", key.to_owned())?),
                _ => None,
            },
        };
        let (status, _) = watch::channel(WorkerStatus {
            concurrency: self.concurrency,
            ..WorkerStatus::default()
        });
        Ok(Worker {
            settings: self,
            endpoint,
            auth,
            registry,
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_validates() {
        let registry =
            || HandlerRegistry::new().with_fn("noop", |_| async { Ok(serde_json::Value::Null) });
        let ok = Worker::builder("http://127.0.0.1:1")
            .namespaces(["examples"])
            .bearer_token("abc")
            .build(registry());
        let worker = ok.unwrap();
        assert_eq!(worker.handler_names(), ["noop"]);
        assert!(
            !format!("{worker:?}").contains("abc"),
            "credentials are not printed"
        );
        assert_eq!(worker.status().snapshot().concurrency, 8);

        let err = |b: WorkerBuilder, r: HandlerRegistry| b.build(r).unwrap_err().to_string();
        let base = || Worker::builder("http://127.0.0.1:1").namespaces(["examples"]);
        assert!(err(Worker::builder("not a url"), registry()).contains("not a url"));
        assert!(
            Worker::builder("https://x:1")
                .namespaces(["e"])
                .build(registry())
                .is_ok()
        );
        assert!(err(base().tls_ca_pem(b"pem".to_vec()), registry()).contains("use https://"));
        assert!(err(Worker::builder("ftp://x:1"), registry()).contains("expected http"));
        assert!(err(base(), HandlerRegistry::new()).contains("handlers"));
        assert!(err(Worker::builder("http://x:1"), registry()).contains("namespaces"));
        assert!(err(base().concurrency(0), registry()).contains("concurrency"));
        assert!(err(base().claim_batch_size(0), registry()).contains("claim_batch_size"));
        assert!(err(base().api_key("bad\nkey"), registry()).contains("api_key"));
    }

    #[test]
    fn auth_adds_metadata() {
        let mut auth = Auth {
            authorization: Some(AsciiMetadataValue::from_static("Bearer t")),
            api_key: Some(AsciiMetadataValue::from_static("k")),
        };
        let request = auth.call(tonic::Request::new(())).unwrap();
        assert_eq!(request.metadata().get("authorization").unwrap(), "Bearer t");
        assert_eq!(request.metadata().get("x-api-key").unwrap(), "k");
        assert!(!format!("{auth:?}").contains("Bearer"));
    }
}
