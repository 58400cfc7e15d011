//! The crate's one error type and its one mapping to `tonic::Status`.

use tonic::metadata::MetadataValue;

/// Everything that can go wrong while authenticating a caller, authorising an
/// RPC, creating credentials or configuring this crate.
///
/// Messages say *what* is wrong, never the credential itself: no token, key,
/// secret or hash ever appears in a message, so they are safe to send to the
/// caller and to log.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    // --- The caller is not authenticated (UNAUTHENTICATED). ---
    /// No `authorization` or `x-api-key` header.
    #[error("missing credentials: send `authorization: Bearer <token>` or `x-api-key: <key>`")]
    MissingCredentials,
    /// The credential headers cannot be understood (wrong scheme, several
    /// credentials, not ASCII, malformed API key).
    #[error("malformed credentials: {0}")]
    MalformedCredentials(&'static str),
    /// The bearer token is not a well-formed JWT, or its claims are malformed.
    #[error("malformed token: {0}")]
    MalformedToken(&'static str),
    /// The token's signature does not verify with the selected key.
    #[error("invalid token signature")]
    BadSignature,
    /// The token's `exp` has passed (beyond the leeway).
    #[error("token expired")]
    TokenExpired,
    /// The token's `nbf` is in the future (beyond the leeway).
    #[error("token not yet valid")]
    TokenNotYetValid,
    /// The token's `iss` is missing or not the configured issuer.
    #[error("token issuer not accepted")]
    WrongIssuer,
    /// The token's `aud` is missing or does not contain the configured audience.
    #[error("token audience not accepted")]
    WrongAudience,
    /// The token's `alg` is not in the allow-list, or is not the algorithm of
    /// the key it selects.
    #[error("token algorithm not allowed")]
    AlgorithmNotAllowed,
    /// The token's `kid` names no configured key (or the token has no `kid`
    /// and there is no default key).
    #[error("unknown token key id")]
    UnknownKeyId,
    /// The API key has been revoked.
    #[error("API key revoked")]
    RevokedKey,
    /// The API key's expiry has passed.
    #[error("API key expired")]
    ExpiredKey,
    /// No API key matches (unknown prefix or wrong secret: the two are not
    /// told apart).
    #[error("unknown API key")]
    UnknownKey,
    /// The process that verifies credentials on this one's behalf (a
    /// worker's orchestrator) refused the credential; its reason, which
    /// names no secret either.
    #[error("{0}")]
    RefusedUpstream(String),

    // --- The caller is authenticated but not allowed (PERMISSION_DENIED). ---
    /// The credential lacks the permission the RPC declares.
    #[error("missing permission `{permission}`")]
    PermissionDenied {
        /// The permission the RPC requires, `resource:action`.
        permission: String,
    },
    /// The credential is limited to namespaces that do not include this one.
    #[error("credential not allowed for namespace `{namespace}`")]
    NamespaceDenied {
        /// The namespace asked for.
        namespace: String,
    },
    /// The RPC declares no access rule (or is outside the schema and not a
    /// configured public service): it is open to no one.
    #[error("this RPC is not open to any caller")]
    NotDeclared,

    // --- Invalid input when creating credentials (INVALID_ARGUMENT). ---
    /// A permission string does not follow the grammar.
    #[error("invalid permission `{permission}`: {reason}")]
    InvalidPermission {
        /// The string as given.
        permission: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A well-formed permission that no RPC of the API declares.
    #[error("unknown permission `{permission}`: no RPC of the API declares it")]
    UnknownPermission {
        /// The permission as given.
        permission: String,
    },

    // --- The server's side (INTERNAL / UNAVAILABLE; details logged, not sent). ---
    /// Invalid configuration (keys, issuer, algorithms, access table).
    #[error("authentication misconfigured: {0}")]
    Config(String),
    /// Signing a token failed.
    #[error("token signing failed: {0}")]
    Signing(String),
    /// The API key store failed.
    #[error("API key store failed: {0}")]
    Store(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
}

impl AuthError {
    /// Wraps an error of an [`ApiKeyStore`](crate::ApiKeyStore) implementation.
    pub fn store(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Store(Box::new(error))
    }

    /// Whether this error means the caller is not (validly) authenticated.
    pub fn is_unauthenticated(&self) -> bool {
        matches!(
            self,
            Self::MissingCredentials
                | Self::MalformedCredentials(_)
                | Self::MalformedToken(_)
                | Self::BadSignature
                | Self::TokenExpired
                | Self::TokenNotYetValid
                | Self::WrongIssuer
                | Self::WrongAudience
                | Self::AlgorithmNotAllowed
                | Self::UnknownKeyId
                | Self::RevokedKey
                | Self::ExpiredKey
                | Self::UnknownKey
                | Self::RefusedUpstream(_)
        )
    }
}

/// Realm announced in `www-authenticate`.
const REALM: &str = "tasker";

impl From<AuthError> for tonic::Status {
    /// The one mapping of the crate's errors to gRPC statuses.
    ///
    /// UNAUTHENTICATED carries `www-authenticate: Bearer realm="tasker"` (with
    /// `error="invalid_token"` when a credential was sent, RFC 6750), so the
    /// REST gateway can answer 401 with the header; PERMISSION_DENIED names
    /// the missing permission and carries `error="insufficient_scope"`.
    /// Server-side failures are logged here and answered without detail.
    fn from(error: AuthError) -> Self {
        let message = error.to_string();
        let (mut status, challenge) = match &error {
            AuthError::MissingCredentials => (
                tonic::Status::unauthenticated(message),
                Some(format!("Bearer realm=\"{REALM}\"")),
            ),
            e if e.is_unauthenticated() => (
                tonic::Status::unauthenticated(message),
                Some(format!("Bearer realm=\"{REALM}\", error=\"invalid_token\"")),
            ),
            AuthError::PermissionDenied { permission } => (
                tonic::Status::permission_denied(message),
                Some(format!(
                    "Bearer realm=\"{REALM}\", error=\"insufficient_scope\", scope=\"{permission}\""
                )),
            ),
            AuthError::NamespaceDenied { .. } | AuthError::NotDeclared => {
                (tonic::Status::permission_denied(message), None)
            }
            AuthError::InvalidPermission { .. } | AuthError::UnknownPermission { .. } => {
                (tonic::Status::invalid_argument(message), None)
            }
            AuthError::Store(_) => {
                tracing::error!(error = %error, "API key store failed");
                (
                    tonic::Status::unavailable("credential store unavailable"),
                    None,
                )
            }
            _ => {
                tracing::error!(error = %error, "authentication failed on the server side");
                (tonic::Status::internal("authentication unavailable"), None)
            }
        };
        if let Some(challenge) = challenge
            && let Ok(value) = MetadataValue::try_from(challenge.as_str())
        {
            status.metadata_mut().insert("www-authenticate", value);
        }
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unauthenticated_errors_carry_a_bearer_challenge() {
        let status = tonic::Status::from(AuthError::MissingCredentials);
        assert_eq!(status.code(), tonic::Code::Unauthenticated);
        assert_eq!(
            status
                .metadata()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer realm=\"tasker\"")
        );
        let status = tonic::Status::from(AuthError::TokenExpired);
        assert_eq!(status.code(), tonic::Code::Unauthenticated);
        assert!(
            status
                .metadata()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("invalid_token"))
        );
    }

    #[test]
    fn permission_denied_names_the_permission() {
        let status = tonic::Status::from(AuthError::PermissionDenied {
            permission: "tasks:create".into(),
        });
        assert_eq!(status.code(), tonic::Code::PermissionDenied);
        assert!(status.message().contains("tasks:create"));
    }

    #[test]
    fn server_side_errors_are_not_detailed() {
        let status = tonic::Status::from(AuthError::Config("key file /etc/x unreadable".into()));
        assert_eq!(status.code(), tonic::Code::Internal);
        assert!(!status.message().contains("/etc/x"));
        let status = tonic::Status::from(AuthError::store(std::io::Error::other("db down")));
        assert_eq!(status.code(), tonic::Code::Unavailable);
        assert!(!status.message().contains("db down"));
    }
}
