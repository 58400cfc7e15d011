//! The authenticated principal, and the [`Authenticator`] that turns request
//! headers into one.

use std::time::SystemTime;

use http::HeaderMap;
use http::header::AUTHORIZATION;

use uuid::Uuid;

use crate::api_key::{ApiKeyStore, verify_api_key, verify_issuing_key};
use crate::error::AuthError;
use crate::jwt::JwtVerifier;
use crate::permission::{Permission, PermissionSet};

/// Header carrying an API key.
pub const API_KEY_HEADER: &str = "x-api-key";

/// Longest credential accepted, in bytes (tokens are far shorter; this bounds
/// the work done on hostile input).
const MAX_CREDENTIAL_BYTES: usize = 8 * 1024;

/// Kind of credential a principal was authenticated with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialKind {
    /// A JWT bearer token.
    Jwt,
    /// An API key.
    ApiKey,
}

/// Who is calling, and what they may do. Inserted into the request's
/// extensions by the enforcement layer; read it with [`crate::principal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// `sub` of a JWT, `api_key:<uuid>` of an API key. Record it as
    /// `performed_by` in audit trails.
    pub subject: String,
    /// Kind of credential.
    pub kind: CredentialKind,
    /// Permissions the credential holds.
    pub permissions: PermissionSet,
    /// Namespaces the credential is limited to; empty means all.
    pub namespaces: Vec<String>,
    /// When the credential expires; `None` means never (API keys without
    /// expiry).
    pub expires_at: Option<SystemTime>,
    /// The API key behind the credential: the key itself, or the key a
    /// token was issued for by `AuthService.IssueToken` (its `api_key`
    /// claim). Such a token stops working when its key is revoked or
    /// expires. `None` for tokens of an external identity provider.
    pub api_key: Option<Uuid>,
}

impl Principal {
    /// Whether the principal holds `permission`.
    pub fn allows(&self, permission: &Permission) -> bool {
        self.permissions.allows(permission)
    }

    /// Whether the credential may act on `namespace` (empty list: all).
    pub fn allows_namespace(&self, namespace: &str) -> bool {
        self.namespaces.is_empty() || self.namespaces.iter().any(|n| n == namespace)
    }

    /// Fails unless the credential may act on `namespace`; for worker RPCs
    /// (claiming or completing steps of a namespace).
    ///
    /// # Errors
    /// [`AuthError::NamespaceDenied`] naming the namespace.
    pub fn require_namespace(&self, namespace: &str) -> Result<(), AuthError> {
        if self.allows_namespace(namespace) {
            Ok(())
        } else {
            Err(AuthError::NamespaceDenied {
                namespace: namespace.to_owned(),
            })
        }
    }
}

/// A credential found in the request headers, not yet verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential<'a> {
    /// A bearer token that is not an API key (a JWT, unverified).
    Jwt(&'a str),
    /// An API key (`tk_…`), from `x-api-key` or `authorization: Bearer`.
    ApiKey(&'a str),
}

impl<'a> Credential<'a> {
    /// Finds the one credential in `headers`, as every authenticator must:
    /// `authorization: Bearer <jwt>`, `authorization: Bearer tk_…` or
    /// `x-api-key: tk_…`; several credentials are refused, not guessed
    /// between.
    ///
    /// # Errors
    /// [`AuthError::MissingCredentials`] or
    /// [`AuthError::MalformedCredentials`].
    pub fn from_headers(headers: &'a HeaderMap) -> Result<Self, AuthError> {
        presented(headers)
    }

    /// The credential as text (the token or the key).
    pub fn as_str(&self) -> &'a str {
        match self {
            Self::Jwt(text) | Self::ApiKey(text) => text,
        }
    }
}

/// Turns the credential of a request into a [`Principal`]: the seam the
/// enforcement layer ([`crate::AuthLayer`]) authenticates through.
///
/// [`Authenticator`] verifies locally (JWT keys, an [`ApiKeyStore`]); a
/// process without the key store, such as a worker, implements it by asking
/// the process that has it.
pub trait Authenticate: Send + Sync + 'static {
    /// Authenticates the credential in `headers`.
    ///
    /// # Errors
    /// An [`AuthError`] for which [`AuthError::is_unauthenticated`] holds
    /// when the credential is missing or not valid; another [`AuthError`]
    /// (answered as UNAVAILABLE or INTERNAL) when verification itself
    /// failed.
    fn authenticate(
        &self,
        headers: &HeaderMap,
    ) -> impl std::future::Future<Output = Result<Principal, AuthError>> + Send;
}

impl<K: ApiKeyStore + 'static> Authenticate for Authenticator<K> {
    async fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, AuthError> {
        Authenticator::authenticate(self, headers).await
    }
}

/// Verifies JWTs and API keys from request headers.
///
/// Reads `authorization: Bearer <jwt>`, `authorization: Bearer tk_…` (an API
/// key) or `x-api-key: tk_…`. Exactly one credential may be sent: several
/// `authorization` values, or `authorization` together with `x-api-key`, are
/// refused as malformed rather than guessed between.
#[derive(Debug)]
pub struct Authenticator<K> {
    jwt: Option<JwtVerifier>,
    api_keys: K,
}

impl<K: ApiKeyStore> Authenticator<K> {
    /// Accepts JWTs verified by `jwt` (`None`: no JWT is accepted) and API
    /// keys found in `api_keys`.
    pub fn new(jwt: Option<JwtVerifier>, api_keys: K) -> Self {
        Self { jwt, api_keys }
    }

    /// The API key store.
    pub fn api_keys(&self) -> &K {
        &self.api_keys
    }

    /// The JWT verifier, if JWTs are accepted.
    pub fn jwt(&self) -> Option<&JwtVerifier> {
        self.jwt.as_ref()
    }

    /// Authenticates the credential in `headers`.
    ///
    /// # Errors
    /// An [`AuthError`] for which [`AuthError::is_unauthenticated`] holds, or
    /// [`AuthError::Store`] when the key store fails.
    pub async fn authenticate(&self, headers: &HeaderMap) -> Result<Principal, AuthError> {
        match presented(headers)? {
            Credential::Jwt(token) => self.authenticate_jwt(token).await,
            Credential::ApiKey(key) => self.authenticate_api_key(key).await,
        }
    }

    /// Verifies a JWT (without the `Bearer ` prefix). A token issued for an
    /// API key (it carries the key's id) is refused once that key is
    /// revoked, expired or gone: the key is looked up in the store on every
    /// verification, exactly as an API key itself is.
    ///
    /// # Errors
    /// See [`JwtVerifier::verify`]; [`AuthError::UnknownKeyId`] when no JWT
    /// verifier is configured; [`AuthError::RevokedKey`],
    /// [`AuthError::ExpiredKey`] or [`AuthError::UnknownKey`] for a token
    /// whose API key no longer works; [`AuthError::Store`].
    pub async fn authenticate_jwt(&self, token: &str) -> Result<Principal, AuthError> {
        let principal = match &self.jwt {
            Some(verifier) => verifier.verify(token)?,
            None => return Err(AuthError::UnknownKeyId),
        };
        if let Some(uuid) = principal.api_key {
            verify_issuing_key(&self.api_keys, uuid, SystemTime::now()).await?;
        }
        Ok(principal)
    }

    /// Verifies an API key (`tk_<prefix>_<secret>`), e.g. the one
    /// `AuthService.IssueToken` exchanges for a token.
    ///
    /// # Errors
    /// [`AuthError::MalformedCredentials`], [`AuthError::UnknownKey`],
    /// [`AuthError::RevokedKey`], [`AuthError::ExpiredKey`] or
    /// [`AuthError::Store`].
    pub async fn authenticate_api_key(&self, key: &str) -> Result<Principal, AuthError> {
        verify_api_key(&self.api_keys, key, SystemTime::now()).await
    }
}

/// Finds the one credential in `headers`.
fn presented(headers: &HeaderMap) -> Result<Credential<'_>, AuthError> {
    let mut authorization = headers.get_all(AUTHORIZATION).iter();
    let mut api_key = headers.get_all(API_KEY_HEADER).iter();
    let (bearer, key) = (authorization.next(), api_key.next());
    if authorization.next().is_some()
        || api_key.next().is_some()
        || (bearer.is_some() && key.is_some())
    {
        return Err(AuthError::MalformedCredentials(
            "send exactly one credential (one `authorization` or one `x-api-key` header)",
        ));
    }
    if let Some(value) = key {
        let key = header_text(value)?;
        return Ok(Credential::ApiKey(key));
    }
    let Some(value) = bearer else {
        return Err(AuthError::MissingCredentials);
    };
    let text = header_text(value)?;
    let Some((scheme, credential)) = text.split_once(' ') else {
        return Err(AuthError::MalformedCredentials(
            "expected `authorization: Bearer <credential>`",
        ));
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::MalformedCredentials(
            "only the `Bearer` authorization scheme is supported",
        ));
    }
    let credential = credential.trim();
    if credential.is_empty() {
        return Err(AuthError::MalformedCredentials("empty bearer credential"));
    }
    if credential.starts_with(crate::api_key::KEY_PREFIX) {
        Ok(Credential::ApiKey(credential))
    } else {
        Ok(Credential::Jwt(credential))
    }
}

fn header_text(value: &http::HeaderValue) -> Result<&str, AuthError> {
    if value.len() > MAX_CREDENTIAL_BYTES {
        return Err(AuthError::MalformedCredentials("credential too long"));
    }
    value
        .to_str()
        .map(str::trim)
        .map_err(|_| AuthError::MalformedCredentials("credential is not visible ASCII"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            match HeaderValue::from_str(value) {
                Ok(v) => {
                    map.append(*name, v);
                }
                Err(e) => panic!("{value}: {e}"),
            }
        }
        map
    }

    #[test]
    fn finds_the_one_credential() {
        assert_eq!(
            presented(&headers(&[("authorization", "Bearer abc.def.ghi")])).ok(),
            Some(Credential::Jwt("abc.def.ghi"))
        );
        assert_eq!(
            presented(&headers(&[("authorization", "bearer tk_1_2")])).ok(),
            Some(Credential::ApiKey("tk_1_2"))
        );
        assert_eq!(
            presented(&headers(&[("x-api-key", "tk_1_2")])).ok(),
            Some(Credential::ApiKey("tk_1_2"))
        );
    }

    #[test]
    fn refuses_missing_ambiguous_and_foreign_credentials() {
        assert!(matches!(
            presented(&HeaderMap::new()),
            Err(AuthError::MissingCredentials)
        ));
        for map in [
            headers(&[("authorization", "Basic dXNlcjpwYXNz")]),
            headers(&[("authorization", "Bearer")]),
            headers(&[("authorization", "Bearer   ")]),
            headers(&[("authorization", "abc.def.ghi")]),
            headers(&[("authorization", "Bearer a"), ("authorization", "Bearer b")]),
            headers(&[("authorization", "Bearer a"), ("x-api-key", "tk_1_2")]),
            headers(&[("x-api-key", "tk_1_2"), ("x-api-key", "tk_3_4")]),
        ] {
            assert!(
                matches!(presented(&map), Err(AuthError::MalformedCredentials(_))),
                "{map:?}"
            );
        }
        let mut map = HeaderMap::new();
        map.insert(
            AUTHORIZATION,
            HeaderValue::from_bytes(b"Bearer \xff").unwrap_or(HeaderValue::from_static("x")),
        );
        assert!(matches!(
            presented(&map),
            Err(AuthError::MalformedCredentials(_))
        ));
        let long = format!("Bearer {}", "a".repeat(MAX_CREDENTIAL_BYTES));
        assert!(matches!(
            presented(&headers(&[("authorization", &long)])),
            Err(AuthError::MalformedCredentials(_))
        ));
    }

    #[test]
    fn namespaces_limit_a_principal() {
        let mut principal = Principal {
            subject: "w".into(),
            kind: CredentialKind::ApiKey,
            permissions: PermissionSet::new(),
            namespaces: vec![],
            expires_at: None,
            api_key: None,
        };
        assert!(principal.require_namespace("a").is_ok());
        principal.namespaces = vec!["a".into()];
        assert!(principal.require_namespace("a").is_ok());
        assert!(matches!(
            principal.require_namespace("b"),
            Err(AuthError::NamespaceDenied { namespace }) if namespace == "b"
        ));
    }
}
