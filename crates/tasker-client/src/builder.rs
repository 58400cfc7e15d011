//! [`ClientBuilder`]: endpoint, transport, credentials, timeouts, TLS.

use std::fmt;
use std::marker::PhantomData;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::client::{Connection, FromConnection};
use crate::transport::{RpcTransport, Transport};
use crate::{ClientError, GrpcTransport, RestTransport};

/// Where an orchestrator listens by default (`server.bind`).
pub const DEFAULT_ENDPOINT: &str = "http://127.0.0.1:9090";
/// Where a worker process listens by default (its `server.bind`).
pub const DEFAULT_WORKER_ENDPOINT: &str = "http://127.0.0.1:9091";

/// A credential sent with every call.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// An API key (`tk_…`), sent as `x-api-key`.
    ApiKey(String),
    /// A bearer token (a JWT from `AuthService.IssueToken`), sent as
    /// `authorization: Bearer …`.
    Bearer(String),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ApiKey(_) => f.write_str("ApiKey([redacted])"),
            Self::Bearer(_) => f.write_str("Bearer([redacted])"),
        }
    }
}

impl Credential {
    /// The header that carries the credential: name and value.
    pub(crate) fn header(&self) -> Result<(&'static str, http::HeaderValue), ClientError> {
        let (name, value) = match self {
            Self::ApiKey(key) => ("x-api-key", key.clone()),
            Self::Bearer(token) => ("authorization", format!("Bearer {token}")),
        };
        let mut value = http::HeaderValue::from_str(&value)
            .map_err(|_| ClientError::config("the credential is not a valid header value"))?;
        value.set_sensitive(true);
        Ok((name, value))
    }
}

/// Settings shared by the transports.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) endpoint: String,
    pub(crate) credential: Option<Credential>,
    pub(crate) connect_timeout: Duration,
    pub(crate) ca_pem: Option<Vec<u8>>,
}

/// Builds an [`OrchestrationClient`](crate::OrchestrationClient) or a
/// [`WorkerClient`](crate::WorkerClient); start with their `builder()`.
///
/// Unless told otherwise, settings not given explicitly come from the
/// environment: the endpoint from `TASKER_ENDPOINT` (a worker client's from
/// `TASKER_WORKER_ENDPOINT`) and the API key from `TASKER_API_KEY`.
pub struct ClientBuilder<C> {
    endpoint: Option<String>,
    default_endpoint: &'static str,
    endpoint_variable: &'static str,
    transport: Transport,
    api_key: Option<String>,
    bearer_token: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    ca_file: Option<PathBuf>,
    ca_pem: Option<Vec<u8>>,
    retry_unavailable: u32,
    from_env: bool,
    _client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("transport", &self.transport)
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "[redacted]"),
            )
            .field("timeout", &self.timeout)
            .field("ca_file", &self.ca_file)
            .finish_non_exhaustive()
    }
}

impl<C: FromConnection> ClientBuilder<C> {
    /// A builder whose endpoint, when not given, comes from the variable
    /// `endpoint_variable`, else is `default_endpoint`.
    pub(crate) fn new(default_endpoint: &'static str, endpoint_variable: &'static str) -> Self {
        Self {
            endpoint: None,
            default_endpoint,
            endpoint_variable,
            transport: Transport::Grpc,
            api_key: None,
            bearer_token: None,
            timeout: Some(Duration::from_secs(30)),
            connect_timeout: Duration::from_secs(10),
            ca_file: None,
            ca_pem: None,
            retry_unavailable: 0,
            from_env: true,
            _client: PhantomData,
        }
    }

    /// The server's URL, `http://host:port` or `https://host:port`.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// gRPC (the default) or REST.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = transport;
        self
    }

    /// Authenticate with an API key.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Authenticate with a bearer token (a JWT). Takes precedence over an API
    /// key: the server refuses requests carrying both.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// Deadline of each unary call (default 30 s); `None` for none. Streams
    /// are not limited.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// How long to wait for a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// A PEM file of certificate authorities trusted for `https://`
    /// endpoints, besides the system's roots.
    pub fn ca_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.ca_file = Some(path.into());
        self
    }

    /// PEM certificate authorities trusted besides the system's roots.
    pub fn ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_pem = Some(pem.into());
        self
    }

    /// Retry a call answered UNAVAILABLE up to `attempts` more times, waiting
    /// the delay the server asked for (or 1 s; at most 30 s). Default 0.
    pub fn retry_unavailable(mut self, attempts: u32) -> Self {
        self.retry_unavailable = attempts;
        self
    }

    /// Whether to read `TASKER_ENDPOINT` (a worker client:
    /// `TASKER_WORKER_ENDPOINT`) and `TASKER_API_KEY` for settings not given
    /// (default true).
    pub fn from_env(mut self, yes: bool) -> Self {
        self.from_env = yes;
        self
    }

    /// Builds the client. Connections are made on first use, so this
    /// succeeds while the server is down.
    ///
    /// # Errors
    /// [`ClientError::Config`] for an endpoint that is not an `http://` or
    /// `https://` URL, an unreadable CA file, or a credential that is not a
    /// valid header value.
    pub async fn build(self) -> Result<C, ClientError> {
        let (endpoint, credential) = self.endpoint_and_credential(|name| std::env::var(name).ok());
        let ca_pem = match (&self.ca_pem, &self.ca_file) {
            (Some(pem), _) => Some(pem.clone()),
            (None, Some(path)) => Some(tokio::fs::read(path).await.map_err(|e| {
                ClientError::config(format!("cannot read CA file {}: {e}", path.display()))
            })?),
            (None, None) => None,
        };
        let settings = Settings {
            endpoint,
            credential,
            connect_timeout: self.connect_timeout,
            ca_pem,
        };
        let transport: Arc<dyn RpcTransport> = match self.transport {
            Transport::Grpc => Arc::new(GrpcTransport::new(&settings)?),
            Transport::Rest => Arc::new(RestTransport::new(&settings)?),
        };
        Ok(C::from_connection(Connection {
            transport,
            timeout: self.timeout,
            retry_unavailable: self.retry_unavailable,
            endpoint: settings.endpoint,
        }))
    }

    /// The endpoint and credential: as given, else from the environment
    /// (`variable` reads it), else the default endpoint and no credential.
    fn endpoint_and_credential(
        &self,
        variable: impl Fn(&str) -> Option<String>,
    ) -> (String, Option<Credential>) {
        let env = |name: &str| {
            if self.from_env {
                variable(name).filter(|v| !v.is_empty())
            } else {
                None
            }
        };
        let endpoint = self
            .endpoint
            .clone()
            .or_else(|| env(self.endpoint_variable))
            .unwrap_or_else(|| self.default_endpoint.to_owned());
        let credential = match (&self.bearer_token, &self.api_key) {
            (Some(token), _) => Some(Credential::Bearer(token.clone())),
            (None, Some(key)) => Some(Credential::ApiKey(key.clone())),
            (None, None) => env("TASKER_API_KEY").map(Credential::ApiKey),
        };
        (endpoint, credential)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OrchestrationClient, WorkerClient};

    /// An environment with the usual variables set.
    fn environment(name: &str) -> Option<String> {
        match name {
            "TASKER_ENDPOINT" => Some("http://orchestrator:9090".into()),
            "TASKER_WORKER_ENDPOINT" => Some("http://worker:9091".into()),
            "TASKER_API_KEY" => Some("tk_from_env".into()),
            _ => None,
        }
    }

    #[test]
    fn unset_settings_come_from_the_environment() {
        let (endpoint, credential) =
            OrchestrationClient::builder().endpoint_and_credential(environment);
        assert_eq!(endpoint, "http://orchestrator:9090");
        assert_eq!(credential, Some(Credential::ApiKey("tk_from_env".into())));
        // A worker client reads the worker's endpoint, never the
        // orchestrator's.
        let (endpoint, credential) = WorkerClient::builder().endpoint_and_credential(environment);
        assert_eq!(endpoint, "http://worker:9091");
        assert_eq!(credential, Some(Credential::ApiKey("tk_from_env".into())));
        let (endpoint, _) = WorkerClient::builder().endpoint_and_credential(|name| {
            (name == "TASKER_ENDPOINT").then(|| "http://orchestrator:9090".to_owned())
        });
        assert_eq!(endpoint, DEFAULT_WORKER_ENDPOINT);
    }

    #[test]
    fn given_settings_win_over_the_environment() {
        let (endpoint, credential) = OrchestrationClient::builder()
            .endpoint("http://given:1")
            .bearer_token("jwt")
            .endpoint_and_credential(environment);
        assert_eq!(endpoint, "http://given:1");
        assert_eq!(credential, Some(Credential::Bearer("jwt".into())));
        let (endpoint, credential) = OrchestrationClient::builder()
            .from_env(false)
            .endpoint_and_credential(environment);
        assert_eq!(endpoint, DEFAULT_ENDPOINT);
        assert_eq!(credential, None);
        // An empty variable counts as unset.
        let (endpoint, credential) =
            OrchestrationClient::builder().endpoint_and_credential(|_| Some(String::new()));
        assert_eq!(endpoint, DEFAULT_ENDPOINT);
        assert_eq!(credential, None);
    }
}
