//! JWT bearer tokens: verification ([`JwtVerifier`]) and issuance
//! ([`JwtIssuer`]), on top of `jsonwebtoken` with the pure-Rust crypto backend.
//!
//! - `config`: what is configured — [`JwtConfig`], [`PublicKey`],
//!   [`PublicKeyFile`], [`is_weak_secret`];
//! - `keys`: the verification keys built from it — the HS256 secret, PEM
//!   public keys and a JWKS file, each checked (kind, size, algorithm);
//! - `claims`: what a verified token must carry and the [`Principal`] it
//!   becomes, with `jsonwebtoken`'s errors mapped to [`AuthError`];
//! - `verify`: [`JwtVerifier`], key selection by `kid` and algorithm;
//! - `issue`: [`JwtIssuer`] and the [`TokenClaims`] it signs.
//!
//! # Claims
//!
//! ```json
//! {
//!   "sub": "api_key:0190c0de-…",          // required, non-empty: the principal
//!   "iss": "tasker",                       // required, = configured issuer
//!   "aud": "tasker-api",                   // required, contains configured audience (string or array)
//!   "exp": 1767225600,                     // required, integer seconds since the epoch
//!   "nbf": 1767224700,                     // optional, honoured
//!   "iat": 1767224700,                     // optional
//!   "jti": "5f0c…",                        // optional
//!   "permissions": ["tasks:read", "dlq:*"],// optional (default none): `resource:action`, `resource:*`, `*`
//!   "namespaces": ["billing"]              // optional (default all)
//! }
//! ```
//!
//! # Key selection
//!
//! The key is chosen by the token's `kid`, and the key's own algorithm decides
//! how the token must be signed; the header's `alg` only has to agree:
//!
//! 1. `alg` must be in the configured allow-list (`none` never is).
//! 2. A token with a `kid` is verified with the configured public key (PEM or
//!    JWKS) of that id; no such key → [`AuthError::UnknownKeyId`]. The HS256
//!    secret has no id and is never selected by `kid`.
//! 3. A token without `kid` is verified with the HS256 secret if one is
//!    configured, else with the only public key if exactly one is configured,
//!    else it is refused ([`AuthError::UnknownKeyId`]).
//! 4. The header's `alg` must equal the selected key's algorithm
//!    ([`AuthError::AlgorithmNotAllowed`] otherwise): an HS256 token can never
//!    be checked against an RSA public key used as an HMAC secret.
//!
//! Header parameters that point elsewhere for keys (`jku`, `x5u`, `jwk`) are
//! ignored; tokens with a `crit` header are refused.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use jsonwebtoken::Algorithm;

#[cfg(doc)]
use crate::credential::Principal;
use crate::error::AuthError;

mod claims;
mod config;
mod issue;
mod keys;
mod verify;

pub use config::{JwtConfig, PublicKey, PublicKeyFile, is_weak_secret};
pub use issue::{IssuedToken, JwtIssuer, TokenClaims};
pub use verify::JwtVerifier;

/// Default clock-skew allowance on `exp` and `nbf`.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(30);
/// Largest leeway accepted in configuration.
pub const MAX_LEEWAY: Duration = Duration::from_secs(300);
/// Shortest HS256 secret [`is_weak_secret`] accepts, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;
/// Default lifetime of issued tokens.
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(15 * 60);
/// Default cap on the lifetime of issued tokens.
pub const MAX_TOKEN_TTL: Duration = Duration::from_secs(60 * 60);

/// A signature algorithm Tasker accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwtAlgorithm {
    /// HMAC with SHA-256 and the configured shared secret.
    HS256,
    /// RSASSA-PKCS1-v1_5 with SHA-256 and a configured RSA public key.
    RS256,
    /// Ed25519 with a configured public key.
    EdDSA,
}

impl JwtAlgorithm {
    /// Every supported algorithm.
    pub const ALL: [JwtAlgorithm; 3] = [Self::HS256, Self::RS256, Self::EdDSA];

    /// The name used in the JOSE `alg` header.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HS256 => "HS256",
            Self::RS256 => "RS256",
            Self::EdDSA => "EdDSA",
        }
    }

    pub(crate) fn to_jwt(self) -> Algorithm {
        match self {
            Self::HS256 => Algorithm::HS256,
            Self::RS256 => Algorithm::RS256,
            Self::EdDSA => Algorithm::EdDSA,
        }
    }
}

impl fmt::Display for JwtAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JwtAlgorithm {
    type Err = AuthError;

    /// Parses an exact JOSE name (`HS256`, `RS256`, `EdDSA`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or(AuthError::AlgorithmNotAllowed)
    }
}

/// Parses configured algorithm names (`HS256`, `RS256`, `EdDSA`).
///
/// # Errors
/// [`AuthError::Config`] naming the first name that is not one of them.
pub fn parse_algorithms(names: &[String]) -> Result<Vec<JwtAlgorithm>, AuthError> {
    names
        .iter()
        .map(|name| {
            name.parse().map_err(|_| {
                AuthError::Config(format!("{name:?} is not one of HS256, RS256, EdDSA"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use secrecy::{ExposeSecret as _, SecretString};

    use super::*;
    use crate::permission::PermissionSet;

    #[test]
    fn weak_secrets_are_recognised() {
        for weak in [
            "",
            "secret",
            "short-but-random-Xk2",
            "changeme-changeme-changeme-changeme",
            "please-CHANGE-ME-before-production-use",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "abababababababababababababababababab",
            "your-256-bit-secret-your-256-bit-secret",
        ] {
            assert!(is_weak_secret(weak), "{weak:?} passed");
        }
        assert!(!is_weak_secret("q8Vh2kLw9ZpR4tYx7NmB3cFj6GsD1aEu"));
    }

    #[test]
    fn algorithms_parse_exactly() {
        assert_eq!(
            "HS256".parse::<JwtAlgorithm>().ok(),
            Some(JwtAlgorithm::HS256)
        );
        assert_eq!(
            "EdDSA".parse::<JwtAlgorithm>().ok(),
            Some(JwtAlgorithm::EdDSA)
        );
        for bad in ["none", "None", "hs256", "HS384", "ES256", ""] {
            assert!(bad.parse::<JwtAlgorithm>().is_err(), "{bad}");
        }
    }

    #[test]
    fn configuration_is_checked() {
        let secret = SecretString::from("q8Vh2kLw9ZpR4tYx7NmB3cFj6GsD1aEu");
        let mut config = JwtConfig::new("tasker", "tasker-api");
        assert!(matches!(
            JwtVerifier::new(&config),
            Err(AuthError::Config(_))
        ));
        config.hs256_secret = Some(secret.clone());
        assert!(JwtVerifier::new(&config).is_ok());

        let mut no_hs = config.clone();
        no_hs.allowed_algorithms = vec![JwtAlgorithm::RS256];
        assert!(matches!(
            JwtVerifier::new(&no_hs),
            Err(AuthError::Config(_))
        ));

        let mut leeway = config.clone();
        leeway.leeway = Duration::from_secs(3600);
        assert!(matches!(
            JwtVerifier::new(&leeway),
            Err(AuthError::Config(_))
        ));

        let mut issuer = config.clone();
        issuer.issuer = " ".into();
        assert!(matches!(
            JwtVerifier::new(&issuer),
            Err(AuthError::Config(_))
        ));

        let mut private = config.clone();
        private.public_keys.push(PublicKey {
            kid: "rsa".into(),
            algorithm: JwtAlgorithm::RS256,
            pem: include_str!("../../tests/fixtures/rsa_private.pem").into(),
        });
        assert!(matches!(
            JwtVerifier::new(&private),
            Err(AuthError::Config(_))
        ));

        let mut wrong_type = config.clone();
        wrong_type.public_keys.push(PublicKey {
            kid: "ed".into(),
            algorithm: JwtAlgorithm::RS256,
            pem: include_str!("../../tests/fixtures/ed25519_public.pem").into(),
        });
        assert!(matches!(
            JwtVerifier::new(&wrong_type),
            Err(AuthError::Config(_))
        ));

        let mut duplicate = config.clone();
        for _ in 0..2 {
            duplicate.public_keys.push(PublicKey {
                kid: "ed".into(),
                algorithm: JwtAlgorithm::EdDSA,
                pem: include_str!("../../tests/fixtures/ed25519_public.pem").into(),
            });
        }
        assert!(matches!(
            JwtVerifier::new(&duplicate),
            Err(AuthError::Config(_))
        ));

        // The secret never shows in Debug output.
        let verifier = JwtVerifier::new(&config);
        assert!(!format!("{config:?} {verifier:?}").contains("q8Vh2kLw9ZpR4tYx7NmB3cFj6GsD1aEu"));
    }

    #[test]
    fn issued_tokens_follow_the_claim_format() -> Result<(), Box<dyn std::error::Error>> {
        let secret = SecretString::from("q8Vh2kLw9ZpR4tYx7NmB3cFj6GsD1aEu");
        let issuer = JwtIssuer::hs256(&secret, "tasker", "tasker-api")?
            .with_ttl(Duration::from_secs(60), Duration::from_secs(120))?;
        let permissions = PermissionSet::parse(["tasks:read"])?;
        let issued = issuer.issue(
            "api_key:x",
            &permissions,
            &["billing".into()],
            Some(Duration::from_secs(3600)),
        )?;
        assert!(!format!("{issued:?} {issuer:?}").contains(issued.token.expose_secret()));
        assert!(!format!("{issuer:?}").contains("q8Vh2k"));
        let claims: TokenClaims =
            jsonwebtoken::dangerous::insecure_decode_claims(issued.token.expose_secret())?;
        assert_eq!(claims.sub, "api_key:x");
        assert_eq!(claims.permissions, vec!["tasks:read".to_owned()]);
        assert_eq!(claims.namespaces, vec!["billing".to_owned()]);
        let iat = claims.iat.unwrap_or_default();
        assert!(claims.exp - iat <= 120, "ttl was not capped");
        Ok(())
    }
}
