//! `tasker.v1.ConfigService`: the effective configuration, secrets redacted.

use std::sync::Arc;

use serde_json::Value;
use tasker_proto::v1::config_service_server::ConfigService;
use tasker_proto::v1::{GetConfigRequest, GetConfigResponse};
use tonic::Request;

use crate::convert::to_proto;
use crate::error::grpc_service;
use crate::{AppState, ServerError};

/// What replaces a secret value: the serialised form of every
/// [`crate::config::Secret`].
pub const REDACTED: &str = "[REDACTED]";

/// Implementation of `tasker.v1.ConfigService`.
#[derive(Debug, Clone)]
pub struct Config {
    state: Arc<AppState>,
}

impl Config {
    /// A config service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }
}

/// Finds the secrets in `value` and returns their dotted paths: settings of
/// the secret type (already [`REDACTED`] by their serialisation — a secret is
/// known by its type, never guessed from its name) and passwords inside URLs,
/// which are replaced here.
pub fn redact(value: &mut Value, path: &str, redacted: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                redact(inner, &here, redacted);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                redact(item, &format!("{path}[{i}]"), redacted);
            }
        }
        Value::String(text) if text == REDACTED => redacted.push(path.to_owned()),
        Value::String(text) => {
            // scheme://user:password@host → scheme://user:[REDACTED]@host
            if let Some((scheme, rest)) = text.split_once("://")
                && let Some((credentials, host)) = rest.split_once('@')
                && let Some((user, _password)) = credentials.split_once(':')
            {
                *text = format!("{scheme}://{user}:{REDACTED}@{host}");
                redacted.push(path.to_owned());
            }
        }
        _ => {}
    }
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Config {
    async fn get_config(
        &self,
        _: Request<GetConfigRequest>,
    ) -> Result<GetConfigResponse, ServerError> {
        let mut value = serde_json::to_value(&self.state.config)
            .map_err(|e| ServerError::Internal(format!("the configuration as JSON: {e}")))?;
        let mut redacted_fields = Vec::new();
        redact(&mut value, "", &mut redacted_fields);
        let Value::Object(map) = value else {
            return Err(ServerError::Internal(
                "the configuration is not a JSON object".into(),
            ));
        };
        Ok(GetConfigResponse {
            environment: self.state.config.environment.as_str().into(),
            version: crate::VERSION.into(),
            config: Some(to_proto::structure(&map)),
            redacted_fields,
        })
    }
}

grpc_service! {
    impl ConfigService for Config {
        fn get_config(GetConfigRequest) -> GetConfigResponse;
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secrets_and_url_passwords_are_redacted() {
        let mut value = json!({
            "storage": {"database_url": "postgres://app:hunter2@db:5432/tasker"},
            "auth": {
                "jwt_secret": crate::config::Secret::new("s3cret"),
                "issuer": "tasker",
                "token_ttl_seconds": 3600,
            },
            "empty": {"password": crate::config::Secret::default()},
        });
        let mut paths = Vec::new();
        redact(&mut value, "", &mut paths);
        paths.sort();
        assert_eq!(paths, ["auth.jwt_secret", "storage.database_url"]);
        assert_eq!(
            value["storage"]["database_url"],
            "postgres://app:[REDACTED]@db:5432/tasker"
        );
        assert_eq!(value["auth"]["jwt_secret"], REDACTED);
        assert_eq!(value["auth"]["issuer"], "tasker");
        // Named like a secret, but a number: shown as it is.
        assert_eq!(value["auth"]["token_ttl_seconds"], 3600);
        assert!(!value.to_string().contains("hunter2"));
        assert!(!value.to_string().contains("s3cret"));
    }
}
