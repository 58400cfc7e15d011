//! Authentication on the worker's own port. The worker holds no API keys
//! (they live in the orchestrator's database), so [`WorkerAuthenticator`]
//! verifies a JWT itself when a key is configured (`[auth]`) and the token
//! was not issued for an API key, and asks the orchestrator about every
//! other credential (API keys, and tokens that end with their API key): `AuthService.WhoAmI` sent with
//! the caller's own credential answers who it is and what it may do, or why
//! it is refused. Verdicts are cached for `auth.cache_ttl` (never past the
//! credential's expiry), keyed by the SHA-256 of the credential, so the
//! orchestrator sees one call per credential and period, not one per request.
//!
//! The permission check itself is `tasker-auth`'s [`AuthLayer`]
//! (`tasker_auth::AuthLayer`), the same enforcement point as the server's.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http::HeaderMap;
use sha2::{Digest, Sha256};
use tasker_auth::{
    AuthError, Authenticate, Credential, CredentialKind, JwtVerifier, Permission, Principal,
};
use tasker_proto::v1::WhoAmIRequest;
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tonic::transport::Channel;

/// Most verdicts kept; past it, expired ones are dropped, then all.
const MAX_CACHED: usize = 10_000;

/// How long a refusal is remembered at most (a key created a moment later
/// is a different key, so this only bounds repeated bad attempts).
const MAX_REFUSAL_TTL: Duration = Duration::from_secs(5);

/// What the orchestrator said of a credential.
#[derive(Debug, Clone)]
enum Verdict {
    Allowed(Principal),
    Refused(String),
}

#[derive(Debug)]
struct Cached {
    until: Instant,
    verdict: Verdict,
}

/// The worker's [`Authenticate`]: local JWT verification when configured,
/// the orchestrator's word otherwise.
pub struct WorkerAuthenticator {
    jwt: Option<JwtVerifier>,
    orchestrator: AuthServiceClient<Channel>,
    cache_ttl: Duration,
    cache: Mutex<HashMap<[u8; 32], Cached>>,
}

impl std::fmt::Debug for WorkerAuthenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkerAuthenticator")
            .field("local_jwt", &self.jwt.is_some())
            .field("cache_ttl", &self.cache_ttl)
            .finish_non_exhaustive()
    }
}

impl WorkerAuthenticator {
    /// Verifies tokens with `jwt` when given, and asks the orchestrator on
    /// `channel` about everything else, reusing its verdicts for
    /// `cache_ttl`.
    pub fn new(jwt: Option<JwtVerifier>, channel: Channel, cache_ttl: Duration) -> Self {
        Self {
            jwt,
            orchestrator: AuthServiceClient::new(channel),
            cache_ttl,
            cache: Mutex::default(),
        }
    }

    fn cached(&self, id: &[u8; 32]) -> Option<Verdict> {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache
            .get(id)
            .filter(|c| c.until > Instant::now())
            .map(|c| c.verdict.clone())
    }

    fn remember(&self, id: [u8; 32], verdict: &Verdict) {
        let now = Instant::now();
        let ttl = match verdict {
            Verdict::Allowed(principal) => match principal.expires_at {
                Some(expiry) => self
                    .cache_ttl
                    .min(expiry.duration_since(SystemTime::now()).unwrap_or_default()),
                None => self.cache_ttl,
            },
            Verdict::Refused(_) => self.cache_ttl.min(MAX_REFUSAL_TTL),
        };
        if ttl.is_zero() {
            return;
        }
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= MAX_CACHED {
            cache.retain(|_, c| c.until > now);
            if cache.len() >= MAX_CACHED {
                cache.clear();
            }
        }
        cache.insert(
            id,
            Cached {
                until: now + ttl,
                verdict: verdict.clone(),
            },
        );
    }

    /// Asks the orchestrator who `credential` is.
    async fn ask(&self, credential: Credential<'_>) -> Result<Verdict, AuthError> {
        let mut request = tonic::Request::new(WhoAmIRequest {});
        let (name, value) = match credential {
            Credential::ApiKey(key) => (tasker_auth::API_KEY_HEADER, key.to_owned()),
            Credential::Jwt(token) => ("authorization", format!("Bearer {token}")),
        };
        let value = value
            .parse()
            .map_err(|_| AuthError::MalformedCredentials("credential is not visible ASCII"))?;
        request.metadata_mut().insert(name, value);
        match self.orchestrator.clone().who_am_i(request).await {
            Ok(response) => Ok(Verdict::Allowed(principal_of(response.into_inner()))),
            Err(status) if status.code() == tonic::Code::Unauthenticated => {
                Ok(Verdict::Refused(status.message().to_owned()))
            }
            Err(status) => Err(AuthError::store(std::io::Error::other(format!(
                "orchestrator AuthService.WhoAmI: {:?}: {}",
                status.code(),
                status.message()
            )))),
        }
    }
}

impl Authenticate for WorkerAuthenticator {
    async fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, AuthError> {
        let credential = Credential::from_headers(headers)?;
        if let (Credential::Jwt(token), Some(verifier)) = (credential, &self.jwt) {
            let principal = verifier.verify(token)?;
            // A token issued for an API key ends with the key, whose state
            // only the orchestrator knows: ask it, as for the key itself.
            if principal.api_key.is_none() {
                return Ok(principal);
            }
        }
        if let Credential::ApiKey(key) = credential {
            // Refuse what cannot be a key without asking.
            tasker_auth::api_key_prefix(key)?;
        }
        let id = credential_id(credential);
        let verdict = match self.cached(&id) {
            Some(verdict) => verdict,
            None => {
                let verdict = self.ask(credential).await?;
                self.remember(id, &verdict);
                verdict
            }
        };
        match verdict {
            Verdict::Allowed(principal) => {
                if principal
                    .expires_at
                    .is_some_and(|expiry| expiry <= SystemTime::now())
                {
                    return Err(match principal.kind {
                        CredentialKind::Jwt => AuthError::TokenExpired,
                        CredentialKind::ApiKey => AuthError::ExpiredKey,
                    });
                }
                Ok(principal)
            }
            Verdict::Refused(reason) => Err(AuthError::RefusedUpstream(reason)),
        }
    }
}

/// The cache key of a credential: SHA-256 of its kind and text (the
/// credential itself is not kept).
fn credential_id(credential: Credential<'_>) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(match credential {
        Credential::Jwt(_) => b"jwt:".as_slice(),
        Credential::ApiKey(_) => b"key:".as_slice(),
    });
    hash.update(credential.as_str().as_bytes());
    hash.finalize().into()
}

/// The principal described by a `WhoAmI` answer.
fn principal_of(me: tasker_proto::v1::WhoAmIResponse) -> Principal {
    let kind = match me.kind() {
        tasker_proto::v1::CredentialKind::Jwt => CredentialKind::Jwt,
        _ => CredentialKind::ApiKey,
    };
    Principal {
        subject: me.subject,
        kind,
        // A permission this worker cannot parse grants nothing.
        permissions: me
            .permissions
            .iter()
            .filter_map(|p| Permission::parse(p).ok())
            .collect(),
        namespaces: me.namespaces,
        expires_at: me.expires_at.map(|t| {
            let seconds = u64::try_from(t.seconds).unwrap_or(0);
            let nanos = u32::try_from(t.nanos).unwrap_or(0);
            UNIX_EPOCH + Duration::new(seconds, nanos)
        }),
        // The orchestrator has checked the key behind the credential.
        api_key: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_of_either_kind_have_distinct_ids() {
        let key = credential_id(Credential::ApiKey("tk_00000000_x"));
        let jwt = credential_id(Credential::Jwt("tk_00000000_x"));
        assert_ne!(key, jwt);
        assert_eq!(key, credential_id(Credential::ApiKey("tk_00000000_x")));
    }

    #[test]
    fn who_am_i_answers_become_principals() {
        let principal = principal_of(tasker_proto::v1::WhoAmIResponse {
            subject: "api_key:1".into(),
            kind: tasker_proto::v1::CredentialKind::ApiKey.into(),
            permissions: vec!["templates:read".into(), "not a permission".into()],
            namespaces: vec!["billing".into()],
            expires_at: Some(pbjson_types::Timestamp {
                seconds: 2_000_000_000,
                nanos: 0,
            }),
        });
        assert_eq!(principal.subject, "api_key:1");
        assert_eq!(principal.kind, CredentialKind::ApiKey);
        assert_eq!(principal.permissions.to_strings(), ["templates:read"]);
        assert_eq!(principal.namespaces, ["billing"]);
        assert_eq!(
            principal.expires_at,
            Some(UNIX_EPOCH + Duration::from_secs(2_000_000_000))
        );
    }
}
