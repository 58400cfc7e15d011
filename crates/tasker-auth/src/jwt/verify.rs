//! [`JwtVerifier`]: a token's header read before anything is trusted, the
//! key chosen by `kid` whose own algorithm the header must name, then the
//! signature and claims checked.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::Validation;

use super::claims::{self, RawHeader, VerifiedClaims, map_jwt_error, principal};
use super::keys::{KeySet, VerificationKey};
use super::{JwtAlgorithm, JwtConfig, MAX_LEEWAY};
use crate::credential::Principal;
use crate::error::AuthError;

/// Verifies JWT bearer tokens; built once from a [`JwtConfig`].
pub struct JwtVerifier {
    hmac: Option<VerificationKey>,
    keys: HashMap<String, VerificationKey>,
    allowed: Vec<JwtAlgorithm>,
    validations: HashMap<JwtAlgorithm, Validation>,
}

impl fmt::Debug for JwtVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kids: Vec<_> = self
            .keys
            .iter()
            .map(|(kid, key)| format!("{kid} ({})", key.algorithm))
            .collect();
        kids.sort();
        f.debug_struct("JwtVerifier")
            .field("hs256_secret", &self.hmac.as_ref().map(|_| "[redacted]"))
            .field("public_keys", &kids)
            .field("allowed", &self.allowed)
            .finish()
    }
}

impl JwtVerifier {
    /// Loads and checks every key of `config`.
    ///
    /// # Errors
    /// [`AuthError::Config`] when the configuration is unusable: no key, an
    /// empty issuer or audience, a leeway above [`MAX_LEEWAY`], an empty
    /// allow-list, a key whose algorithm is not allowed, a malformed, private
    /// or too small (RSA < 2048 bits) key, a duplicate `kid`, or an unreadable
    /// JWKS file.
    pub fn new(config: &JwtConfig) -> Result<Self, AuthError> {
        let config_error = |message: String| AuthError::Config(message);
        if config.issuer.trim().is_empty() || config.audience.trim().is_empty() {
            return Err(config_error("JWT issuer and audience must be set".into()));
        }
        if config.leeway > MAX_LEEWAY {
            return Err(config_error(format!(
                "JWT leeway {:?} exceeds {:?}",
                config.leeway, MAX_LEEWAY
            )));
        }
        if config.allowed_algorithms.is_empty() {
            return Err(config_error("no JWT algorithm allowed".into()));
        }
        let KeySet { hmac, keys } = KeySet::load(config)?;
        Ok(Self {
            hmac,
            keys,
            allowed: config.allowed_algorithms.clone(),
            validations: claims::validations(config),
        })
    }

    /// The ids of the configured public keys.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// Verifies `token` (without `Bearer `) and returns its principal.
    ///
    /// # Errors
    /// [`AuthError::MalformedToken`], [`AuthError::AlgorithmNotAllowed`],
    /// [`AuthError::UnknownKeyId`], [`AuthError::BadSignature`],
    /// [`AuthError::TokenExpired`], [`AuthError::TokenNotYetValid`],
    /// [`AuthError::WrongIssuer`] or [`AuthError::WrongAudience`].
    pub fn verify(&self, token: &str) -> Result<Principal, AuthError> {
        let mut parts = token.split('.');
        let (Some(header), Some(_), Some(_), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(AuthError::MalformedToken(
                "expected header.payload.signature",
            ));
        };
        let header: RawHeader = URL_SAFE_NO_PAD
            .decode(header)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or(AuthError::MalformedToken("unreadable header"))?;
        let algorithm = JwtAlgorithm::from_str(&header.alg)?;
        if !self.allowed.contains(&algorithm) {
            return Err(AuthError::AlgorithmNotAllowed);
        }
        if header.crit.is_some() {
            return Err(AuthError::MalformedToken(
                "critical header parameters are not supported",
            ));
        }
        let key = self.select(header.kid.as_deref())?;
        if key.algorithm != algorithm {
            return Err(AuthError::AlgorithmNotAllowed);
        }
        let validation = self
            .validations
            .get(&algorithm)
            .ok_or(AuthError::AlgorithmNotAllowed)?;
        let data = jsonwebtoken::decode::<VerifiedClaims>(token, &key.key, validation)
            .map_err(|e| map_jwt_error(e.into_kind()))?;
        principal(data.claims)
    }

    fn select(&self, kid: Option<&str>) -> Result<&VerificationKey, AuthError> {
        match kid {
            Some(kid) => self.keys.get(kid).ok_or(AuthError::UnknownKeyId),
            None => match (&self.hmac, self.keys.len()) {
                (Some(hmac), _) => Ok(hmac),
                (None, 1) => self.keys.values().next().ok_or(AuthError::UnknownKeyId),
                (None, _) => Err(AuthError::UnknownKeyId),
            },
        }
    }
}
