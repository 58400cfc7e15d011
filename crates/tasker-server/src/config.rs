//! Layered configuration: compiled-in defaults (`config/default.toml`), an
//! optional TOML file, then `TASKER_*` environment variables.
//!
//! Every value is checked at start-up; a bad one is refused with an error that
//! names the setting and where it came from.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tasker_runtime::config::Layers;

pub use tasker_telemetry::{LogConfig, LogFormat, OtelConfig};

use crate::ServerError;

/// The defaults, compiled in so the binary runs from any directory.
pub const DEFAULTS: &str = include_str!("../../../config/default.toml");

/// Prefix of the environment variables that override settings.
pub const ENV_PREFIX: &str = "TASKER_";

/// Deployment environment. Anything but `development` gets the strict checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// A developer's machine.
    Development,
    /// Automated tests.
    Test,
    /// Pre-production.
    Staging,
    /// Production.
    Production,
}

impl Environment {
    /// Lower-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Development => "development",
            Self::Test => "test",
            Self::Staging => "staging",
            Self::Production => "production",
        }
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Deployment environment.
    pub environment: Environment,
    /// Listener settings.
    pub server: ServerConfig,
    /// REST transcoding settings.
    pub rest: RestConfig,
    /// Worker protocol settings.
    pub workers: WorkersConfig,
    /// Template loading.
    pub templates: TemplatesConfig,
    /// Dead-letter queue and staleness monitoring.
    pub dlq: DlqConfig,
    /// The built-in example worker.
    pub examples: ExamplesConfig,
    /// Database settings.
    pub storage: StorageConfig,
    /// Prometheus metrics.
    pub metrics: MetricsConfig,
    /// OpenTelemetry export of the spans.
    pub otel: OtelConfig,
    /// Logging settings.
    pub log: LogConfig,
    /// Authentication and authorisation.
    pub auth: AuthConfig,
}

/// A secret setting: its `Debug` and serialised forms are redacted, so it
/// never reaches a log line or `ConfigService`.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// A secret holding `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The secret itself; pass it on, never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is unset (empty).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "[REDACTED]"
        })
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if self.0.is_empty() { "" } else { "[REDACTED]" })
    }
}

/// A public key accepted for RS256 or EdDSA tokens (`kid`, `algorithm`,
/// `pem_file`).
pub type PublicKeyConfig = tasker_auth::PublicKeyFile;

/// Authentication and authorisation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Enforce credentials and permissions. May be turned off only in
    /// development.
    pub enabled: bool,
    /// HS256 secret: verifies HS256 tokens and signs the tokens of
    /// `AuthService.IssueToken`. Required (and checked for strength) outside
    /// development; in development an unset secret is replaced by a random
    /// one per process.
    pub jwt_secret: Secret,
    /// Public keys for RS256 / EdDSA tokens, by `kid`.
    pub public_keys: Vec<PublicKeyConfig>,
    /// JWKS file with more public keys (empty: none).
    pub jwks_file: PathBuf,
    /// Required `iss` of tokens, and the issuer of tokens the server signs.
    pub issuer: String,
    /// Required `aud` of tokens, and the audience of tokens the server signs.
    pub audience: String,
    /// Clock-skew allowance on `exp` and `nbf`, in seconds (at most 300).
    pub leeway_seconds: u64,
    /// Token algorithms accepted (`HS256`, `RS256`, `EdDSA`).
    pub allowed_algorithms: Vec<String>,
    /// Default lifetime of tokens from `IssueToken`, in seconds.
    pub token_ttl_seconds: u64,
    /// Longest lifetime `IssueToken` grants, in seconds.
    pub max_token_ttl_seconds: u64,
    /// Concurrent `StreamTaskStatus` watches one credential may hold.
    pub max_watch_streams_per_credential: usize,
    /// On a first start with no API key stored, create an admin key and
    /// print it once.
    pub bootstrap_admin_key: bool,
}

/// Listener settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on. Port 0 picks a free port.
    pub bind: SocketAddr,
    /// Seconds in-flight requests get to finish on shutdown.
    pub shutdown_grace_seconds: u64,
    /// Origins allowed by CORS; empty disables CORS.
    pub cors_allowed_origins: Vec<String>,
    /// HTTP/2 max concurrent streams per connection.
    pub http2_max_concurrent_streams: u32,
    /// Largest request header block, in bytes.
    pub max_header_bytes: u32,
    /// Largest gRPC message decoded, in bytes.
    pub grpc_max_decode_bytes: usize,
    /// Longest time a call may take to produce its response (a shorter
    /// `grpc-timeout` from the client wins), in seconds. Streams are not cut
    /// once they have started.
    pub request_timeout_seconds: u64,
    /// Largest page a list RPC returns, whatever the request asks.
    pub max_page_size: u32,
    /// HTTP/2 keep-alive ping interval, in seconds (0 disables pings).
    pub http2_keepalive_interval_seconds: u64,
    /// How long to wait for a keep-alive ping acknowledgement, in seconds.
    pub http2_keepalive_timeout_seconds: u64,
    /// Connection count and timeouts (`[server.limits]`).
    pub limits: tasker_gateway::ConnectionLimits,
    /// TLS on the listener; off when no certificate is configured.
    pub tls: TlsConfig,
}

/// TLS on the listener (rustls): `cert_path` and `key_path`.
pub type TlsConfig = tasker_gateway::TlsFiles;

/// Worker protocol settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkersConfig {
    /// Lease granted with each claim, in seconds; heartbeats extend it.
    pub lease_seconds: u64,
    /// How often retries and expired leases are checked, in milliseconds.
    pub timer_interval_ms: u64,
    /// Steps ready but unclaimed above which CreateTask is answered
    /// UNAVAILABLE (0: no limit).
    pub max_ready_steps: u64,
}

/// The built-in example worker.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesConfig {
    /// Run a worker with the example handlers inside the server, serving the
    /// `examples` namespace. Unset: on in development, off elsewhere.
    pub embedded_worker: Option<bool>,
}

impl Config {
    /// Whether the example worker runs inside the server.
    pub fn embedded_worker(&self) -> bool {
        self.examples
            .embedded_worker
            .unwrap_or(self.environment == Environment::Development)
    }
}

/// Dead-letter queue and staleness monitoring.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DlqConfig {
    /// Time a task may wait (pending, for dependencies, for a retry), in seconds.
    pub waiting_threshold_seconds: u64,
    /// Time a task may spend processing (enqueuing, steps in process, evaluating), in seconds.
    pub processing_threshold_seconds: u64,
    /// How often stale tasks are looked for, in seconds.
    pub staleness_check_seconds: u64,
}

/// Template loading.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatesConfig {
    /// Directory of `*.yaml` templates registered at start-up (empty: none;
    /// configured but missing: a warning). A relative path set in a
    /// configuration file is taken relative to that file; from the
    /// environment, relative to the working directory.
    #[serde(deserialize_with = "relative_to_its_file")]
    pub directory: PathBuf,
}

/// A path resolved against the directory of the configuration file that set
/// it (figment's `RelativePathBuf`).
fn relative_to_its_file<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<PathBuf, D::Error> {
    figment::value::magic::RelativePathBuf::deserialize(deserializer).map(|path| path.relative())
}

/// REST transcoding settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RestConfig {
    /// Largest REST request body, in bytes.
    pub max_body_bytes: usize,
    /// Deepest JSON nesting accepted.
    pub max_json_depth: usize,
    /// Refuse unknown query parameters.
    pub reject_unknown_query_parameters: bool,
    /// Refuse unknown JSON fields.
    pub reject_unknown_json_fields: bool,
}

/// Database settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StorageConfig {
    /// Directory of the embedded SQLite database.
    pub data_dir: PathBuf,
    /// Database URL; empty selects SQLite under `data_dir`.
    pub database_url: String,
    /// Maximum pooled connections.
    pub max_connections: u32,
    /// Seconds to wait for a pooled connection before answering UNAVAILABLE.
    pub acquire_timeout_seconds: u64,
    /// SQLite: writes allowed to wait for the single writer before new ones
    /// are answered UNAVAILABLE.
    pub max_queued_writes: usize,
}

/// Prometheus metrics.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsConfig {
    /// Serve the exposition, without credentials.
    pub enabled: bool,
    /// Path of the exposition.
    pub path: String,
    /// Address of a listener of its own for the exposition; empty: the
    /// server's port.
    pub bind: String,
    /// Seconds between two readings of the figures the database holds
    /// (tasks finished, step outcomes, claim wait, backlog, dead-letter
    /// entries, workers); 0 reads none.
    pub sample_seconds: u64,
}

impl MetricsConfig {
    /// The address of the exposition's own listener, when one is
    /// configured (checked when the configuration is loaded).
    pub fn bind_addr(&self) -> Option<SocketAddr> {
        if self.bind.is_empty() {
            None
        } else {
            self.bind.parse().ok()
        }
    }
}

impl Config {
    /// Loads the layers: defaults, then `file` when given, then the process
    /// environment.
    ///
    /// # Errors
    /// [`ServerError::Config`] naming the setting and its source when a value
    /// has the wrong type, a key is unknown, the file is missing, or a value
    /// fails validation.
    pub fn load(file: Option<&Path>) -> Result<Self, ServerError> {
        let config: Self = LAYERS.load(file).map_err(ServerError::Config)?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ServerError> {
        if self.metrics.enabled
            && (!self.metrics.path.starts_with('/')
                || [
                    "/v1/",
                    "/ui/",
                    "/docs",
                    "/health",
                    "/openapi.json",
                    "/tasker.",
                    "/grpc.",
                ]
                .iter()
                .any(|taken| self.metrics.path.starts_with(taken)))
        {
            return Err(ServerError::Config(format!(
                "metrics.path: {:?} must start with `/` and not be a path the API, dashboard or health checks use",
                self.metrics.path
            )));
        }
        if !self.metrics.bind.is_empty() && self.metrics.bind.parse::<SocketAddr>().is_err() {
            return Err(ServerError::Config(format!(
                "metrics.bind: {:?} is not an address (host:port), nor empty for the server's port",
                self.metrics.bind
            )));
        }
        let url = &self.storage.database_url;
        if !(url.is_empty()
            || url.starts_with("sqlite:")
            || url.starts_with("postgres:")
            || url.starts_with("postgresql:"))
        {
            return Err(ServerError::Config(format!(
                "storage.database_url: expected empty, sqlite://… or postgres://…, got a URL with another scheme ({})",
                url.split(':').next().unwrap_or_default()
            )));
        }
        for origin in &self.server.cors_allowed_origins {
            if origin != "*" && http::HeaderValue::from_str(origin).is_err()
                || origin.ends_with('/')
            {
                return Err(ServerError::Config(format!(
                    "server.cors_allowed_origins: {origin:?} is not an origin (scheme://host[:port], no trailing slash)"
                )));
            }
        }
        if self.server.http2_max_concurrent_streams == 0 {
            return Err(ServerError::Config(
                "server.http2_max_concurrent_streams: must be at least 1".into(),
            ));
        }
        if self.rest.max_body_bytes == 0 {
            return Err(ServerError::Config(
                "rest.max_body_bytes: must be at least 1".into(),
            ));
        }
        tasker_gateway::validate_json_depth("rest.max_json_depth", self.rest.max_json_depth)
            .map_err(ServerError::Config)?;
        self.server
            .limits
            .validate("server.limits")
            .map_err(ServerError::Config)?;
        if self.dlq.waiting_threshold_seconds == 0
            || self.dlq.processing_threshold_seconds == 0
            || self.dlq.staleness_check_seconds == 0
        {
            return Err(ServerError::Config(
                "dlq: thresholds and staleness_check_seconds must be at least 1".into(),
            ));
        }
        if self.workers.lease_seconds == 0 || self.workers.timer_interval_ms == 0 {
            return Err(ServerError::Config(
                "workers: lease_seconds and timer_interval_ms must be at least 1".into(),
            ));
        }
        if self.storage.max_connections == 0 {
            return Err(ServerError::Config(
                "storage.max_connections: must be at least 1".into(),
            ));
        }
        if self.storage.acquire_timeout_seconds == 0 || self.storage.max_queued_writes == 0 {
            return Err(ServerError::Config(
                "storage: acquire_timeout_seconds and max_queued_writes must be at least 1".into(),
            ));
        }
        if self.server.max_page_size == 0 {
            return Err(ServerError::Config(
                "server.max_page_size: must be at least 1".into(),
            ));
        }
        if self.server.request_timeout_seconds == 0 {
            return Err(ServerError::Config(
                "server.request_timeout_seconds: must be at least 1".into(),
            ));
        }
        if self.server.tls.cert_path.as_os_str().is_empty()
            != self.server.tls.key_path.as_os_str().is_empty()
        {
            return Err(ServerError::Config(
                "server.tls: set both cert_path and key_path, or neither".into(),
            ));
        }
        self.validate_auth()?;
        tracing_subscriber::EnvFilter::try_new(&self.log.level)
            .map_err(|e| ServerError::Config(format!("log.level: {e}")))?;
        Ok(())
    }

    fn validate_auth(&self) -> Result<(), ServerError> {
        let auth = &self.auth;
        let development = self.environment == Environment::Development;
        if !auth.enabled && !development {
            return Err(ServerError::Config(format!(
                "auth.enabled: authentication may be turned off only with environment = \"development\" (environment is {:?})",
                self.environment.as_str()
            )));
        }
        if !development {
            if auth.jwt_secret.is_empty() {
                return Err(ServerError::Config(format!(
                    "auth.jwt_secret: required outside development (set {}; at least {} random bytes)",
                    env_var_for("auth.jwt_secret"),
                    tasker_auth::jwt::MIN_SECRET_BYTES
                )));
            }
            if tasker_auth::is_weak_secret(auth.jwt_secret.expose()) {
                return Err(ServerError::Config(format!(
                    "auth.jwt_secret: too weak for environment {:?} (at least {} bytes of random text, not a placeholder)",
                    self.environment.as_str(),
                    tasker_auth::jwt::MIN_SECRET_BYTES
                )));
            }
        }
        if auth.max_watch_streams_per_credential == 0 {
            return Err(ServerError::Config(
                "auth.max_watch_streams_per_credential: must be at least 1".into(),
            ));
        }
        if auth.token_ttl_seconds == 0 || auth.token_ttl_seconds > auth.max_token_ttl_seconds {
            return Err(ServerError::Config(
                "auth.token_ttl_seconds: must be at least 1 and at most auth.max_token_ttl_seconds"
                    .into(),
            ));
        }
        for algorithm in &auth.allowed_algorithms {
            algorithm
                .parse::<tasker_auth::JwtAlgorithm>()
                .map_err(|_| {
                    ServerError::Config(format!(
                        "auth.allowed_algorithms: {algorithm:?} is not one of HS256, RS256, EdDSA"
                    ))
                })?;
        }
        Ok(())
    }

    /// The database URL to open: the configured one, or SQLite under the data
    /// directory.
    pub fn database_url(&self) -> String {
        if self.storage.database_url.is_empty() {
            format!(
                "sqlite://{}",
                self.storage.data_dir.join("tasker.db").display()
            )
        } else {
            self.storage.database_url.clone()
        }
    }
}

/// Where the settings come from: the defaults, a file, then `TASKER_*`
/// variables, `__` separating nested keys (`TASKER_SERVER__BIND`). Only
/// variables that name a section key or a top-level key are read, so
/// unrelated `TASKER_*` variables (such as `TASKER_CONFIG`) are not taken for
/// settings; a misspelt key inside a section is still refused.
/// `TASKER_WORKER_*` belongs to the worker binary.
pub const LAYERS: Layers = Layers {
    defaults: DEFAULTS,
    env_prefix: ENV_PREFIX,
    is_setting: |key| !key.starts_with("worker_") && (key.contains("__") || key == "environment"),
};

/// Names the environment variable that sets `key` (`server.bind` →
/// `TASKER_SERVER__BIND`).
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
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.server.bind.to_string(), "127.0.0.1:9090");
            assert_eq!(config.environment, Environment::Development);
            assert_eq!(config.database_url(), "sqlite://data/tasker.db");
            Ok(())
        });
    }

    #[test]
    fn file_then_environment_override_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "tasker.toml",
                "[server]\nbind = \"0.0.0.0:7000\"\n[log]\nformat = \"json\"\n",
            )?;
            jail.set_env("TASKER_SERVER__BIND", "127.0.0.1:7001");
            jail.set_env(
                "TASKER_STORAGE__DATABASE_URL",
                "postgres://localhost/tasker",
            );
            jail.set_env("TASKER_CONFIG", "ignored.toml");
            let config = Config::load(Some(Path::new("tasker.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(config.server.bind.to_string(), "127.0.0.1:7001");
            assert_eq!(config.log.format, LogFormat::Json);
            assert_eq!(config.database_url(), "postgres://localhost/tasker");
            Ok(())
        });
    }

    #[test]
    fn a_templates_directory_is_relative_to_the_file_that_sets_it() {
        figment::Jail::expect_with(|jail| {
            jail.create_dir("etc")?;
            jail.create_file(
                "etc/tasker.toml",
                "[templates]\ndirectory = \"templates\"\n",
            )?;
            let config =
                Config::load(Some(Path::new("etc/tasker.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(config.templates.directory, Path::new("etc/templates"));
            let absolute = jail.directory().join("etc/tasker.toml");
            let config = Config::load(Some(&absolute)).map_err(|e| e.to_string())?;
            assert_eq!(
                config.templates.directory,
                jail.directory().join("etc/templates")
            );
            // From the environment: relative to the working directory.
            jail.set_env("TASKER_TEMPLATES__DIRECTORY", "mine");
            let config =
                Config::load(Some(Path::new("etc/tasker.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(config.templates.directory, Path::new("mine"));
            // By default: none.
            jail.clear_env();
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.templates.directory, Path::new(""));
            Ok(())
        });
    }

    fn load_error(var: &str, value: &str) -> String {
        let mut message = String::new();
        figment::Jail::expect_with(|jail| {
            jail.set_env(var, value);
            message = Config::load(None)
                .expect_err("should be refused")
                .to_string();
            Ok(())
        });
        message
    }

    #[test]
    fn invalid_values_name_the_setting() {
        let bind = load_error("TASKER_SERVER__BIND", "not-an-address");
        assert!(
            bind.contains("server.bind:") && bind.contains("(from TASKER_SERVER__BIND)"),
            "{bind}"
        );
        let metrics_bind = load_error("TASKER_METRICS__BIND", "somewhere");
        assert!(metrics_bind.contains("metrics.bind:"), "{metrics_bind}");
        let env = load_error("TASKER_ENVIRONMENT", "prod");
        assert!(
            env.contains("environment:") && env.contains("TASKER_ENVIRONMENT"),
            "{env}"
        );
        let url = load_error("TASKER_STORAGE__DATABASE_URL", "mysql://x");
        assert!(url.contains("storage.database_url"), "{url}");
        let level = load_error("TASKER_LOG__LEVEL", "info,=[");
        assert!(level.contains("log.level"), "{level}");
        let typo = load_error("TASKER_SERVER__BINDD", "x");
        assert!(typo.contains("bindd"), "{typo}");
    }

    #[test]
    fn limits_are_checked_at_load() {
        let depth = load_error("TASKER_REST__MAX_JSON_DEPTH", "64");
        assert!(
            depth.contains("rest.max_json_depth") && depth.contains("32"),
            "{depth}"
        );
        let idle = load_error("TASKER_SERVER__LIMITS__IDLE_TIMEOUT_SECONDS", "0");
        assert!(
            idle.contains("server.limits.idle_timeout_seconds"),
            "{idle}"
        );
        figment::Jail::expect_with(|jail| {
            jail.set_env("TASKER_SERVER__LIMITS__MAX_CONNECTIONS", "10");
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.server.limits.max_connections, 10);
            assert_eq!(config.server.limits.body_read_timeout_seconds, 30);
            assert_eq!(config.rest.max_json_depth, 32);
            Ok(())
        });
    }

    #[test]
    fn worker_variables_are_not_server_settings() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("TASKER_WORKER_ORCHESTRATOR__URL", "http://127.0.0.1:9090");
            Config::load(None).map_err(|e| e.to_string())?;
            Ok(())
        });
    }

    #[test]
    fn the_jwt_secret_is_redacted_and_checked_outside_development() {
        figment::Jail::expect_with(|jail| {
            jail.set_env(
                "TASKER_AUTH__JWT_SECRET",
                "k3J9-xQ2v!Lm8Pz4#Rt7Wy1Bn6Cd5Fg0H",
            );
            let config = Config::load(None).map_err(|e| e.to_string())?;
            let debug = format!("{config:?}");
            assert!(!debug.contains("k3J9"), "{debug}");
            let json = serde_json::to_string(&config).map_err(|e| e.to_string())?;
            assert!(!json.contains("k3J9"), "{json}");
            assert_eq!(
                config.auth.jwt_secret.expose(),
                "k3J9-xQ2v!Lm8Pz4#Rt7Wy1Bn6Cd5Fg0H"
            );
            jail.set_env("TASKER_ENVIRONMENT", "production");
            Config::load(None).map_err(|e| e.to_string())?;
            jail.set_env("TASKER_AUTH__JWT_SECRET", "changeme");
            let weak = Config::load(None).expect_err("weak secret");
            assert!(weak.to_string().contains("auth.jwt_secret"), "{weak}");
            assert!(!weak.to_string().contains("changeme"), "{weak}");
            jail.set_env("TASKER_AUTH__JWT_SECRET", "");
            let missing = Config::load(None).expect_err("missing secret");
            assert!(missing.to_string().contains("auth.jwt_secret"), "{missing}");
            jail.set_env(
                "TASKER_AUTH__JWT_SECRET",
                "k3J9-xQ2v!Lm8Pz4#Rt7Wy1Bn6Cd5Fg0H",
            );
            jail.set_env("TASKER_AUTH__ENABLED", "false");
            let off = Config::load(None).expect_err("auth off in production");
            assert!(off.to_string().contains("auth.enabled"), "{off}");
            jail.set_env("TASKER_ENVIRONMENT", "development");
            Config::load(None).map_err(|e| e.to_string())?;
            Ok(())
        });
    }

    #[test]
    fn a_missing_config_file_is_refused() {
        figment::Jail::expect_with(|_| {
            let err = Config::load(Some(Path::new("absent.toml"))).expect_err("missing file");
            assert!(err.to_string().contains("absent.toml"), "{err}");
            Ok(())
        });
    }
}
