//! Layered configuration of the `tasker-worker` process: compiled-in defaults
//! (`config/default.toml` of this crate), an optional TOML file, then
//! `TASKER_WORKER_*` environment variables with `__` between nested keys
//! (`TASKER_WORKER_ORCHESTRATOR__URL`).
//!
//! Every value is checked at start-up; a bad one is refused with an error that
//! names the setting and where it came from.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tasker_core::duration::human;
use tasker_runtime::config::Layers;

pub use tasker_telemetry::{LogConfig, LogFormat, OtelConfig};

use tasker_worker::WorkerBuilder;

use crate::ProcessError;

/// The defaults, compiled in so the binary runs from any directory.
pub const DEFAULTS: &str = include_str!("../config/default.toml");

/// Prefix of the environment variables that override settings.
pub const ENV_PREFIX: &str = "TASKER_WORKER_";

/// What [`WorkerConfig::redacted`] puts in place of a secret.
pub const REDACTED: &str = "[REDACTED]";

/// Dotted paths of the settings that are secrets.
pub const SECRET_FIELDS: &[&str] = &[
    "orchestrator.bearer_token",
    "orchestrator.api_key",
    "auth.jwt_secret",
];

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerConfig {
    /// How to reach the orchestrator.
    pub orchestrator: OrchestratorConfig,
    /// What to claim and how to run it.
    pub execution: ExecutionConfig,
    /// The worker's own listener.
    pub server: ServerConfig,
    /// Where the templates are.
    pub templates: TemplatesConfig,
    /// Who may call the worker's own services.
    pub auth: AuthConfig,
    /// Logging.
    pub log: LogConfig,
    /// OpenTelemetry export of the worker's spans.
    pub otel: OtelConfig,
    /// Prometheus metrics on the worker's port.
    pub metrics: MetricsConfig,
}

/// Prometheus metrics on the worker's port.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsConfig {
    /// Serve the exposition, without credentials.
    pub enabled: bool,
    /// Its path.
    pub path: String,
}

/// How to reach the orchestrator.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrchestratorConfig {
    /// gRPC URL of `tasker-server`, `http://host:port` or
    /// `https://host:port`.
    pub url: String,
    /// PEM file of the authority that signed an `https://` orchestrator's
    /// certificate, trusted besides the system's roots (empty: none).
    pub ca_file: PathBuf,
    /// JWT sent as `authorization: Bearer …`; empty sends none. Secret.
    pub bearer_token: String,
    /// API key sent as `x-api-key`; empty sends none. Secret.
    pub api_key: String,
    /// Deadline of each call.
    #[serde(with = "human")]
    pub request_timeout: Duration,
    /// Deadline of opening a connection.
    #[serde(with = "human")]
    pub connect_timeout: Duration,
}

/// What to claim and how to run it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionConfig {
    /// Name to register under; empty selects `<host name>-<process id>`.
    pub name: String,
    /// Namespaces whose steps to claim.
    pub namespaces: Vec<String>,
    /// Steps run at once.
    pub concurrency: usize,
    /// Most steps per claim.
    pub claim_batch_size: usize,
    /// Long-poll wait of a claim.
    #[serde(with = "human")]
    pub long_poll_wait: Duration,
    /// Time in-flight steps get after shutdown begins.
    #[serde(with = "human")]
    pub drain_timeout: Duration,
    /// Timeout of steps that set none.
    #[serde(with = "human")]
    pub default_step_timeout: Duration,
    /// Time a handler whose lease was lost gets to stop.
    #[serde(with = "human")]
    pub cancel_grace: Duration,
    /// Attempts at sending a report.
    pub report_attempts: u32,
}

/// The worker's own listener.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    /// TLS on the listener (`cert_path`, `key_path`); off when unset.
    pub tls: tasker_gateway::TlsFiles,
    /// Connection count and timeouts (`[server.limits]`).
    pub limits: tasker_gateway::ConnectionLimits,
}

/// Where the templates are.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatesConfig {
    /// Directory searched recursively for `*.yaml` / `*.yml`.
    pub dir: PathBuf,
}

/// Who may call the worker's own services (`WorkerTemplateService`,
/// `WorkerConfigService`; the health RPCs are public). Each RPC's permission
/// comes from the schema, as on the server. JWTs are verified here when a
/// key is configured; API keys, and JWTs when no key is configured, are
/// verified by the orchestrator (`AuthService.WhoAmI`) and its verdict is
/// cached for `cache_ttl`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Enforce credentials and permissions on the worker's port.
    pub enabled: bool,
    /// HS256 secret verifying tokens here (the orchestrator's
    /// `auth.jwt_secret`, so its `IssueToken` tokens verify). Secret.
    pub jwt_secret: String,
    /// Public keys for RS256 / EdDSA tokens, by `kid`.
    pub public_keys: Vec<tasker_auth::PublicKeyFile>,
    /// JWKS file with more public keys (empty: none).
    pub jwks_file: PathBuf,
    /// Required `iss` of tokens verified here.
    pub issuer: String,
    /// Required `aud` of tokens verified here.
    pub audience: String,
    /// Clock-skew allowance on `exp` and `nbf`, in seconds (at most 300).
    pub leeway_seconds: u64,
    /// Token algorithms accepted (`HS256`, `RS256`, `EdDSA`).
    pub allowed_algorithms: Vec<String>,
    /// How long the orchestrator's verdict on a credential is reused (never
    /// past the credential's expiry); `0s` asks every time. A key revoked on
    /// the orchestrator is refused here at most this much later.
    #[serde(with = "human")]
    pub cache_ttl: Duration,
}

impl AuthConfig {
    /// Whether JWTs are verified here (a key is configured) rather than by
    /// the orchestrator.
    pub fn verifies_tokens_locally(&self) -> bool {
        !self.jwt_secret.is_empty()
            || !self.public_keys.is_empty()
            || !self.jwks_file.as_os_str().is_empty()
    }

    /// The verifier of tokens configured here; `None` when no key is.
    ///
    /// # Errors
    /// [`ProcessError::Config`] naming the setting when a key cannot be read
    /// or the settings are inconsistent.
    pub fn jwt_verifier(&self) -> Result<Option<tasker_auth::JwtVerifier>, ProcessError> {
        if !self.verifies_tokens_locally() {
            return Ok(None);
        }
        let fail =
            |key: &str, e: tasker_auth::AuthError| ProcessError::Config(format!("auth.{key}: {e}"));
        let public_keys = self
            .public_keys
            .iter()
            .map(tasker_auth::PublicKeyFile::load)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| fail("public_keys", e))?;
        let config = tasker_auth::JwtConfig {
            hs256_secret: (!self.jwt_secret.is_empty())
                .then(|| tasker_auth::SecretString::from(self.jwt_secret.clone())),
            public_keys,
            jwks_file: (!self.jwks_file.as_os_str().is_empty()).then(|| self.jwks_file.clone()),
            issuer: self.issuer.clone(),
            audience: self.audience.clone(),
            leeway: Duration::from_secs(self.leeway_seconds),
            allowed_algorithms: tasker_auth::parse_algorithms(&self.allowed_algorithms)
                .map_err(|e| fail("allowed_algorithms", e))?,
        };
        tasker_auth::JwtVerifier::new(&config)
            .map(Some)
            .map_err(|e| fail("jwt_secret / public_keys", e))
    }
}

impl WorkerConfig {
    /// Loads the layers: defaults, then `file` when given, then the process
    /// environment.
    ///
    /// # Errors
    /// [`ProcessError::Config`] naming the setting and its source when a value
    /// has the wrong type, a key is unknown, the file is missing, or a value
    /// fails validation.
    pub fn load(file: Option<&Path>) -> Result<Self, ProcessError> {
        let config: Self = LAYERS.load(file).map_err(ProcessError::Config)?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ProcessError> {
        let fail = |message: String| Err(ProcessError::Config(message));
        let path = &self.metrics.path;
        if self.metrics.enabled
            && (!path.starts_with('/')
                || path == "/openapi.json"
                || ["/worker/", "/tasker.", "/grpc."]
                    .iter()
                    .any(|taken| path.starts_with(taken)))
        {
            return fail(format!(
                "metrics.path: {path:?} must start with `/` and not be a path the worker's services use"
            ));
        }
        let url = &self.orchestrator.url;
        if !url.starts_with("http://") && !url.starts_with("https://") {
            return fail(format!(
                "orchestrator.url: expected http://host:port or https://host:port, got {url:?}"
            ));
        }
        let ca = self.orchestrator_ca()?;
        if let Err(error) = tasker_worker::orchestrator_endpoint(url, ca.as_deref()) {
            return fail(format!("orchestrator.url / orchestrator.ca_file: {error}"));
        }
        for (key, value) in [
            ("orchestrator.bearer_token", &self.orchestrator.bearer_token),
            ("orchestrator.api_key", &self.orchestrator.api_key),
        ] {
            if value.chars().any(|c| !c.is_ascii_graphic() && c != ' ') {
                return fail(format!(
                    "{key}: must be printable ASCII (it is sent as a header)"
                ));
            }
        }
        let e = &self.execution;
        if e.namespaces.is_empty() || e.namespaces.iter().any(String::is_empty) {
            return fail("execution.namespaces: name at least one namespace, none empty".into());
        }
        for (key, value) in [
            ("execution.concurrency", e.concurrency),
            ("execution.claim_batch_size", e.claim_batch_size),
            ("execution.report_attempts", e.report_attempts as usize),
        ] {
            if value == 0 {
                return fail(format!("{key}: must be at least 1"));
            }
        }
        for (key, value) in [
            ("execution.default_step_timeout", e.default_step_timeout),
            (
                "orchestrator.request_timeout",
                self.orchestrator.request_timeout,
            ),
            (
                "orchestrator.connect_timeout",
                self.orchestrator.connect_timeout,
            ),
        ] {
            if value.is_zero() {
                return fail(format!("{key}: must be greater than zero"));
            }
        }
        tracing_subscriber::EnvFilter::try_new(&self.log.level)
            .map_err(|e| ProcessError::Config(format!("log.level: {e}")))?;
        self.server
            .tls
            .load()
            .map_err(|e| ProcessError::Config(format!("server.tls: {e}")))?;
        self.server
            .limits
            .validate("server.limits")
            .map_err(ProcessError::Config)?;
        let auth = &self.auth;
        if !auth.jwt_secret.is_empty() && tasker_auth::is_weak_secret(&auth.jwt_secret) {
            return fail(format!(
                "auth.jwt_secret: too weak (at least {} bytes of random text, not a placeholder)",
                tasker_auth::jwt::MIN_SECRET_BYTES
            ));
        }
        if auth.enabled {
            auth.jwt_verifier()?;
        }
        Ok(())
    }

    /// The name to register under: `execution.name`, or
    /// `<host name>-<process id>` when empty.
    pub fn worker_name(&self) -> String {
        if self.execution.name.is_empty() {
            format!("{}-{}", host_name(), std::process::id())
        } else {
            self.execution.name.clone()
        }
    }

    /// The contents of `orchestrator.ca_file`; `None` when unset.
    ///
    /// # Errors
    /// [`ProcessError::Config`] naming the file when it cannot be read.
    pub fn orchestrator_ca(&self) -> Result<Option<Vec<u8>>, ProcessError> {
        let file = &self.orchestrator.ca_file;
        if file.as_os_str().is_empty() {
            return Ok(None);
        }
        std::fs::read(file).map(Some).map_err(|e| {
            ProcessError::Config(format!(
                "orchestrator.ca_file: cannot read {}: {e}",
                file.display()
            ))
        })
    }

    /// The orchestrator's endpoint (URL and TLS settings), for clients
    /// besides the worker itself.
    ///
    /// # Errors
    /// As [`WorkerConfig::orchestrator_ca`], or
    /// [`ProcessError::Worker`].
    pub fn orchestrator_endpoint(&self) -> Result<tonic::transport::Endpoint, ProcessError> {
        let ca = self.orchestrator_ca()?;
        Ok(
            tasker_worker::orchestrator_endpoint(&self.orchestrator.url, ca.as_deref())?
                .connect_timeout(self.orchestrator.connect_timeout)
                .timeout(self.orchestrator.request_timeout),
        )
    }

    /// A [`WorkerBuilder`] with these settings.
    ///
    /// # Errors
    /// As [`WorkerConfig::orchestrator_ca`].
    pub fn worker_builder(&self) -> Result<WorkerBuilder, ProcessError> {
        let o = &self.orchestrator;
        let e = &self.execution;
        let mut builder = tasker_worker::Worker::builder(o.url.clone())
            .name(self.worker_name())
            .namespaces(e.namespaces.clone())
            .concurrency(e.concurrency)
            .claim_batch_size(e.claim_batch_size)
            .long_poll_wait(e.long_poll_wait)
            .drain_timeout(e.drain_timeout)
            .default_step_timeout(e.default_step_timeout)
            .cancel_grace(e.cancel_grace)
            .report_attempts(e.report_attempts)
            .request_timeout(o.request_timeout)
            .connect_timeout(o.connect_timeout);
        if !o.bearer_token.is_empty() {
            builder = builder.bearer_token(o.bearer_token.clone());
        }
        if !o.api_key.is_empty() {
            builder = builder.api_key(o.api_key.clone());
        }
        if let Some(ca) = self.orchestrator_ca()? {
            builder = builder.tls_ca_pem(ca);
        }
        Ok(builder)
    }

    /// The configuration as JSON with every set secret replaced by
    /// [`REDACTED`], and the dotted paths of the values replaced.
    pub fn redacted(&self) -> (Value, Vec<String>) {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        let mut redacted = Vec::new();
        for path in SECRET_FIELDS {
            let pointer = format!("/{}", path.replace('.', "/"));
            if let Some(field) = value.pointer_mut(&pointer)
                && field.as_str().is_some_and(|s| !s.is_empty())
            {
                *field = Value::String(REDACTED.to_owned());
                redacted.push((*path).to_owned());
            }
        }
        (value, redacted)
    }
}

/// The host name, from `HOSTNAME` or `/etc/hostname`; `worker` when neither
/// says.
fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "worker".to_owned())
}

/// Where the settings come from: the defaults, a file, then
/// `TASKER_WORKER_*` variables, `__` separating nested keys. Only variables
/// that contain `__` are read, so `TASKER_WORKER_CONFIG` is not taken for a
/// setting, while a misspelt key inside a section is still refused.
pub const LAYERS: Layers = Layers {
    defaults: DEFAULTS,
    env_prefix: ENV_PREFIX,
    is_setting: |key| key.contains("__"),
};

/// Names the environment variable that sets `key` (`orchestrator.url` →
/// `TASKER_WORKER_ORCHESTRATOR__URL`).
pub fn env_var_for(key: &str) -> String {
    LAYERS.env_var_for(key)
}

#[cfg(test)]
// figment's Jail fixes the closure's error type; its size is not ours to choose.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        figment::Jail::expect_with(|_| {
            let config = WorkerConfig::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.server.bind.to_string(), "127.0.0.1:9091");
            assert_eq!(
                config.server.limits,
                tasker_gateway::ConnectionLimits::default()
            );
            assert_eq!(config.orchestrator.url, "http://127.0.0.1:9090");
            assert_eq!(config.execution.namespaces, ["examples"]);
            assert_eq!(config.execution.long_poll_wait, Duration::from_secs(20));
            assert_eq!(config.templates.dir, Path::new("config/templates"));
            assert!(!config.worker_name().is_empty());
            let registry = tasker_examples::example_registry();
            config
                .worker_builder()
                .and_then(|b| b.build(registry).map_err(Into::into))
                .map_err(|e| e.to_string())?;
            Ok(())
        });
    }

    #[test]
    fn file_then_environment_override_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "worker.toml",
                "[execution]\nconcurrency = 2\nname = \"w1\"\n[log]\nformat = \"json\"\n",
            )?;
            jail.set_env("TASKER_WORKER_EXECUTION__CONCURRENCY", "3");
            jail.set_env("TASKER_WORKER_EXECUTION__NAMESPACES", "[a, b]");
            jail.set_env("TASKER_WORKER_EXECUTION__DRAIN_TIMEOUT", "1500ms");
            jail.set_env("TASKER_WORKER_ORCHESTRATOR__API_KEY", "tk_secret");
            jail.set_env("TASKER_WORKER_CONFIG", "ignored.toml");
            jail.set_env("TASKER_SERVER__BIND", "ignored");
            let config =
                WorkerConfig::load(Some(Path::new("worker.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(config.execution.concurrency, 3);
            assert_eq!(config.execution.namespaces, ["a", "b"]);
            assert_eq!(config.execution.drain_timeout, Duration::from_millis(1500));
            assert_eq!(config.worker_name(), "w1");
            assert_eq!(config.log.format, LogFormat::Json);
            assert_eq!(config.orchestrator.api_key, "tk_secret");
            Ok(())
        });
    }

    fn load_error(var: &str, value: &str) -> String {
        let mut message = String::new();
        figment::Jail::expect_with(|jail| {
            jail.set_env(var, value);
            message = WorkerConfig::load(None)
                .expect_err("should be refused")
                .to_string();
            Ok(())
        });
        message
    }

    #[test]
    fn invalid_values_name_the_setting() {
        let path = load_error("TASKER_WORKER_METRICS__PATH", "/worker/health");
        assert!(path.contains("metrics.path:"), "{path}");
        let path = load_error("TASKER_WORKER_METRICS__PATH", "/openapi.json");
        assert!(path.contains("metrics.path:"), "{path}");
        let bind = load_error("TASKER_WORKER_SERVER__BIND", "not-an-address");
        assert!(
            bind.contains("server.bind:") && bind.contains("(from TASKER_WORKER_SERVER__BIND)"),
            "{bind}"
        );
        let url = load_error("TASKER_WORKER_ORCHESTRATOR__URL", "grpc://x");
        assert!(url.contains("orchestrator.url"), "{url}");
        let wait = load_error("TASKER_WORKER_EXECUTION__LONG_POLL_WAIT", "20");
        assert!(
            wait.contains("execution.long_poll_wait") && wait.contains("no unit"),
            "{wait}"
        );
        let zero = load_error("TASKER_WORKER_EXECUTION__CONCURRENCY", "0");
        assert!(zero.contains("execution.concurrency"), "{zero}");
        let cap = load_error("TASKER_WORKER_SERVER__LIMITS__MAX_CONNECTIONS", "0");
        assert!(cap.contains("server.limits.max_connections"), "{cap}");
        let none = load_error("TASKER_WORKER_EXECUTION__NAMESPACES", "[]");
        assert!(none.contains("execution.namespaces"), "{none}");
        let level = load_error("TASKER_WORKER_LOG__LEVEL", "info,=[");
        assert!(level.contains("log.level"), "{level}");
        let typo = load_error("TASKER_WORKER_EXECUTION__CONCURENCY", "1");
        assert!(typo.contains("concurency"), "{typo}");
        let header = load_error("TASKER_WORKER_ORCHESTRATOR__BEARER_TOKEN", "a\u{7}b");
        assert!(header.contains("orchestrator.bearer_token"), "{header}");
        let tls = load_error("TASKER_WORKER_SERVER__TLS__CERT_PATH", "/absent/cert.pem");
        assert!(tls.contains("server.tls") && tls.contains("both"), "{tls}");
        let ca = load_error("TASKER_WORKER_ORCHESTRATOR__CA_FILE", "/absent/ca.pem");
        assert!(ca.contains("orchestrator.ca_file"), "{ca}");
        let weak = load_error("TASKER_WORKER_AUTH__JWT_SECRET", "secret");
        assert!(weak.contains("auth.jwt_secret"), "{weak}");
        let key = load_error("TASKER_WORKER_AUTH__JWKS_FILE", "/absent/jwks.json");
        assert!(key.contains("auth."), "{key}");
    }

    #[test]
    fn a_missing_config_file_is_refused() {
        figment::Jail::expect_with(|_| {
            let err = WorkerConfig::load(Some(Path::new("absent.toml"))).expect_err("missing file");
            assert!(err.to_string().contains("absent.toml"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn secrets_are_redacted() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("TASKER_WORKER_ORCHESTRATOR__BEARER_TOKEN", "eyJhbGciOi");
            let config = WorkerConfig::load(None).map_err(|e| e.to_string())?;
            let (value, fields) = config.redacted();
            assert_eq!(fields, ["orchestrator.bearer_token"]);
            assert_eq!(value["orchestrator"]["bearer_token"], REDACTED);
            assert_eq!(
                value["orchestrator"]["api_key"], "",
                "unset secrets stay empty"
            );
            assert!(!value.to_string().contains("eyJhbGciOi"));
            assert_eq!(value["execution"]["drain_timeout"], "30s");
            Ok(())
        });
    }
}
