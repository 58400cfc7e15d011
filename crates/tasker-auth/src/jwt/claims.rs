//! What a verified token must carry: the `jsonwebtoken` validation of each
//! algorithm (`exp`, `nbf`, `iss`, `aud`, `sub` required, the leeway), the
//! claims read from it and the [`Principal`] they become, and the mapping
//! of `jsonwebtoken`'s errors to [`AuthError`].

use std::collections::HashMap;
use std::time::{Duration, UNIX_EPOCH};

use jsonwebtoken::Validation;
use jsonwebtoken::errors::ErrorKind;
use serde::Deserialize;

use super::{JwtAlgorithm, JwtConfig};
use crate::credential::{CredentialKind, Principal};
use crate::error::AuthError;
use crate::permission::PermissionSet;

/// The header fields looked at before verification.
#[derive(Deserialize)]
pub(super) struct RawHeader {
    pub(super) alg: String,
    #[serde(default)]
    pub(super) kid: Option<String>,
    #[serde(default)]
    pub(super) crit: Option<serde_json::Value>,
}

/// The claims read from a verified token (`iss`, `aud`, `nbf` are checked by
/// `jsonwebtoken` itself).
#[derive(Deserialize)]
pub(super) struct VerifiedClaims {
    sub: String,
    exp: u64,
    #[serde(default)]
    permissions: Vec<String>,
    #[serde(default)]
    namespaces: Vec<String>,
    #[serde(default)]
    api_key: Option<String>,
}

/// The validation of each algorithm under `config`.
pub(super) fn validations(config: &JwtConfig) -> HashMap<JwtAlgorithm, Validation> {
    JwtAlgorithm::ALL
        .into_iter()
        .map(|algorithm| {
            let mut validation = Validation::new(algorithm.to_jwt());
            validation.leeway = config.leeway.as_secs();
            validation.validate_exp = true;
            validation.validate_nbf = true;
            validation.validate_aud = true;
            validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
            validation.set_issuer(&[config.issuer.as_str()]);
            validation.set_audience(&[config.audience.as_str()]);
            (algorithm, validation)
        })
        .collect()
}

pub(super) fn map_jwt_error(kind: ErrorKind) -> AuthError {
    match kind {
        ErrorKind::InvalidSignature => AuthError::BadSignature,
        ErrorKind::ExpiredSignature => AuthError::TokenExpired,
        ErrorKind::ImmatureSignature => AuthError::TokenNotYetValid,
        ErrorKind::InvalidIssuer => AuthError::WrongIssuer,
        ErrorKind::InvalidAudience => AuthError::WrongAudience,
        ErrorKind::InvalidAlgorithm
        | ErrorKind::MissingAlgorithm
        | ErrorKind::UnsupportedAlgorithm => AuthError::AlgorithmNotAllowed,
        ErrorKind::MissingRequiredClaim(claim) => match claim.as_str() {
            "iss" => AuthError::WrongIssuer,
            "aud" => AuthError::WrongAudience,
            "exp" => AuthError::MalformedToken("no `exp` claim"),
            "sub" => AuthError::MalformedToken("no `sub` claim"),
            _ => AuthError::MalformedToken("a required claim is missing"),
        },
        ErrorKind::InvalidClaimFormat(_) => AuthError::MalformedToken("a claim has the wrong type"),
        ErrorKind::InvalidRsaKey(_)
        | ErrorKind::InvalidEddsaKey
        | ErrorKind::InvalidEcdsaKey
        | ErrorKind::InvalidKeyFormat => {
            AuthError::Config("a configured JWT verification key is unusable".into())
        }
        _ => AuthError::MalformedToken("undecodable token or claims"),
    }
}

/// The principal of a verified token's claims.
pub(super) fn principal(claims: VerifiedClaims) -> Result<Principal, AuthError> {
    if claims.sub.trim().is_empty() {
        return Err(AuthError::MalformedToken("empty `sub` claim"));
    }
    let permissions = PermissionSet::parse(&claims.permissions)
        .map_err(|_| AuthError::MalformedToken("invalid permission in `permissions`"))?;
    if claims.namespaces.iter().any(|n| n.trim().is_empty()) {
        return Err(AuthError::MalformedToken("empty namespace in `namespaces`"));
    }
    let expires_at = UNIX_EPOCH
        .checked_add(Duration::from_secs(claims.exp))
        .ok_or(AuthError::MalformedToken("`exp` out of range"))?;
    let api_key = claims
        .api_key
        .as_deref()
        .map(uuid::Uuid::parse_str)
        .transpose()
        .map_err(|_| AuthError::MalformedToken("`api_key` is not a UUID"))?;
    Ok(Principal {
        subject: claims.sub,
        kind: CredentialKind::Jwt,
        permissions,
        namespaces: claims.namespaces,
        expires_at: Some(expires_at),
        api_key,
    })
}
