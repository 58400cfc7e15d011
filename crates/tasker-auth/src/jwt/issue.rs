//! [`JwtIssuer`]: short-lived tokens for `AuthService.IssueToken`, in the
//! claim format ([`TokenClaims`]) the verifier reads.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{EncodingKey, Header};
use rand::Rng as _;
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::JwtVerifier;
use super::{DEFAULT_TOKEN_TTL, JwtAlgorithm, MAX_TOKEN_TTL};
use crate::credential::Principal;
use crate::error::AuthError;
use crate::permission::PermissionSet;

/// The claims of tokens signed by [`JwtIssuer`] (the format verified by
/// [`JwtVerifier`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenClaims {
    /// Subject: the principal.
    pub sub: String,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Expiry, seconds since the epoch.
    pub exp: u64,
    /// Issued at, seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
    /// Not before, seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    /// Unique token id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// Permissions carried.
    #[serde(default)]
    pub permissions: Vec<String>,
    /// Namespaces the token is limited to; absent or empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
    /// The API key the token was issued for (`AuthService.IssueToken`): the
    /// token stops working when that key is revoked. Absent in tokens of
    /// other issuers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
}

/// A token signed by [`JwtIssuer`].
#[derive(Debug)]
pub struct IssuedToken {
    /// The compact JWT. Redacted in `Debug`.
    pub token: SecretString,
    /// When it expires.
    pub expires_at: SystemTime,
    /// The permissions it carries.
    pub permissions: PermissionSet,
}

/// Signs short-lived tokens for `AuthService.IssueToken`, with the server's
/// HS256 secret (no `kid`) or an Ed25519 private key (with `kid`). Configure
/// the verifier with the same secret, or with the public key under the same
/// `kid`.
pub struct JwtIssuer {
    key: EncodingKey,
    algorithm: JwtAlgorithm,
    kid: Option<String>,
    issuer: String,
    audience: String,
    default_ttl: Duration,
    max_ttl: Duration,
}

impl fmt::Debug for JwtIssuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtIssuer")
            .field("algorithm", &self.algorithm)
            .field("kid", &self.kid)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("default_ttl", &self.default_ttl)
            .field("max_ttl", &self.max_ttl)
            .finish_non_exhaustive()
    }
}

impl JwtIssuer {
    /// Signs HS256 tokens (without `kid`) with `secret`.
    ///
    /// # Errors
    /// [`AuthError::Config`] for an empty secret, issuer or audience.
    pub fn hs256(
        secret: &SecretString,
        issuer: impl Into<String>,
        audience: impl Into<String>,
    ) -> Result<Self, AuthError> {
        if secret.expose_secret().is_empty() {
            return Err(AuthError::Config("the HS256 secret is empty".into()));
        }
        Self::build(
            EncodingKey::from_secret(secret.expose_secret().as_bytes()),
            JwtAlgorithm::HS256,
            None,
            issuer.into(),
            audience.into(),
        )
    }

    /// Signs EdDSA tokens with an Ed25519 private key (PKCS#8 PEM), putting
    /// `kid` in the header.
    ///
    /// # Errors
    /// [`AuthError::Config`] for an unreadable key or an empty kid, issuer or
    /// audience.
    pub fn eddsa(
        private_key_pem: &SecretString,
        kid: impl Into<String>,
        issuer: impl Into<String>,
        audience: impl Into<String>,
    ) -> Result<Self, AuthError> {
        let kid = kid.into();
        if kid.is_empty() {
            return Err(AuthError::Config("an EdDSA issuer needs a kid".into()));
        }
        let key = EncodingKey::from_ed_pem(private_key_pem.expose_secret().as_bytes())
            .map_err(|_| AuthError::Config("not an Ed25519 private key in PKCS#8 PEM".into()))?;
        Self::build(
            key,
            JwtAlgorithm::EdDSA,
            Some(kid),
            issuer.into(),
            audience.into(),
        )
    }

    fn build(
        key: EncodingKey,
        algorithm: JwtAlgorithm,
        kid: Option<String>,
        issuer: String,
        audience: String,
    ) -> Result<Self, AuthError> {
        if issuer.trim().is_empty() || audience.trim().is_empty() {
            return Err(AuthError::Config(
                "JWT issuer and audience must be set".into(),
            ));
        }
        let issuer = Self {
            key,
            algorithm,
            kid,
            issuer,
            audience,
            default_ttl: DEFAULT_TOKEN_TTL,
            max_ttl: MAX_TOKEN_TTL,
        };
        // Sign once now so an unusable key fails at start-up, not per request.
        issuer.issue("startup-check", &PermissionSet::new(), &[], None)?;
        Ok(issuer)
    }

    /// Sets the lifetime used when none is asked for, and the cap on asked
    /// lifetimes (defaults [`DEFAULT_TOKEN_TTL`], [`MAX_TOKEN_TTL`]).
    ///
    /// # Errors
    /// [`AuthError::Config`] unless `0 < default_ttl <= max_ttl`.
    pub fn with_ttl(mut self, default_ttl: Duration, max_ttl: Duration) -> Result<Self, AuthError> {
        if default_ttl.is_zero() || default_ttl > max_ttl {
            return Err(AuthError::Config(
                "token lifetimes need 0 < default <= max".into(),
            ));
        }
        self.default_ttl = default_ttl;
        self.max_ttl = max_ttl;
        Ok(self)
    }

    /// The signing algorithm.
    pub fn algorithm(&self) -> JwtAlgorithm {
        self.algorithm
    }

    /// Signs a token for `subject` carrying `permissions` and `namespaces`,
    /// valid for `ttl` (default when `None`, capped at the maximum; at least
    /// one second).
    ///
    /// # Errors
    /// [`AuthError::Signing`] if signing fails.
    pub fn issue(
        &self,
        subject: &str,
        permissions: &PermissionSet,
        namespaces: &[String],
        ttl: Option<Duration>,
    ) -> Result<IssuedToken, AuthError> {
        let ttl = self.lifetime(ttl);
        self.sign(
            subject,
            permissions,
            namespaces,
            None,
            SystemTime::now() + ttl,
        )
    }

    /// `AuthService.IssueToken`: a token for an authenticated `principal`
    /// (normally from an API key) carrying `requested` permissions, or all of
    /// the principal's when `requested` is empty. The token never outlives
    /// the principal's credential and keeps its namespaces, and names the API key
    /// it came from (`api_key` claim) so that revoking the key ends it.
    ///
    /// # Errors
    /// [`AuthError::PermissionDenied`] naming the first requested permission
    /// the principal does not hold; [`AuthError::ExpiredKey`] if the
    /// credential has already expired; [`AuthError::Signing`].
    pub fn exchange(
        &self,
        principal: &Principal,
        requested: &PermissionSet,
        ttl: Option<Duration>,
    ) -> Result<IssuedToken, AuthError> {
        if let Some(missing) = requested.iter().find(|p| !principal.allows(p)) {
            return Err(AuthError::PermissionDenied {
                permission: missing.to_string(),
            });
        }
        let permissions = if requested.is_empty() {
            &principal.permissions
        } else {
            requested
        };
        let now = SystemTime::now();
        let mut expires_at = now + self.lifetime(ttl);
        if let Some(limit) = principal.expires_at {
            if limit <= now {
                return Err(AuthError::ExpiredKey);
            }
            expires_at = expires_at.min(limit);
        }
        self.sign(
            &principal.subject,
            permissions,
            &principal.namespaces,
            principal.api_key,
            expires_at,
        )
    }

    /// The lifetime of a token asked for `ttl`: the default when `None`,
    /// capped at the maximum, at least one second.
    fn lifetime(&self, ttl: Option<Duration>) -> Duration {
        ttl.unwrap_or(self.default_ttl)
            .min(self.max_ttl)
            .max(Duration::from_secs(1))
    }

    fn sign(
        &self,
        subject: &str,
        permissions: &PermissionSet,
        namespaces: &[String],
        api_key: Option<uuid::Uuid>,
        expires_at: SystemTime,
    ) -> Result<IssuedToken, AuthError> {
        let seconds = |t: SystemTime| {
            t.duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .map_err(|_| AuthError::Signing("clock before 1970".into()))
        };
        let now = seconds(SystemTime::now())?;
        let exp = seconds(expires_at)?;
        let mut jti = [0u8; 16];
        rand::rng().fill_bytes(&mut jti);
        let claims = TokenClaims {
            sub: subject.to_owned(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            exp,
            iat: Some(now),
            nbf: Some(now),
            jti: Some(hex::encode(jti)),
            permissions: permissions.to_strings(),
            namespaces: namespaces.to_vec(),
            api_key: api_key.map(|uuid| uuid.to_string()),
        };
        let mut header = Header::new(self.algorithm.to_jwt());
        header.kid.clone_from(&self.kid);
        let token = jsonwebtoken::encode(&header, &claims, &self.key)
            .map_err(|e| AuthError::Signing(e.to_string()))?;
        Ok(IssuedToken {
            token: SecretString::from(token),
            expires_at: UNIX_EPOCH + Duration::from_secs(exp),
            permissions: permissions.clone(),
        })
    }
}
