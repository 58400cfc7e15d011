//! What is configured for JWTs: the verifier's settings and public keys, and
//! the check of an HS256 secret's strength.

use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::MAX_LEEWAY;
use super::{DEFAULT_LEEWAY, JwtAlgorithm, MIN_SECRET_BYTES};
use crate::error::AuthError;

/// A configured public key for RS256 or EdDSA tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// Key id, matched against the token's `kid`.
    pub kid: String,
    /// The key's algorithm: [`JwtAlgorithm::RS256`] or [`JwtAlgorithm::EdDSA`].
    pub algorithm: JwtAlgorithm,
    /// The public key, PEM (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`).
    pub pem: String,
}

/// A public key as configured: its `kid`, algorithm name and PEM file. The
/// form both the server's and the worker's `[[auth.public_keys]]` take.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicKeyFile {
    /// Key id, matched against the token's `kid`.
    pub kid: String,
    /// `RS256` or `EdDSA`.
    pub algorithm: String,
    /// PEM file of the public key.
    pub pem_file: PathBuf,
}

impl PublicKeyFile {
    /// Reads the PEM file.
    ///
    /// # Errors
    /// [`AuthError::Config`] naming the key when the file cannot be read or
    /// the algorithm is not RS256 or EdDSA.
    pub fn load(&self) -> Result<PublicKey, AuthError> {
        let algorithm = match self.algorithm.parse() {
            Ok(algorithm @ (JwtAlgorithm::RS256 | JwtAlgorithm::EdDSA)) => algorithm,
            _ => {
                return Err(AuthError::Config(format!(
                    "public key {}: algorithm {:?} is not RS256 or EdDSA",
                    self.kid, self.algorithm
                )));
            }
        };
        let pem = std::fs::read_to_string(&self.pem_file).map_err(|e| {
            AuthError::Config(format!(
                "public key {}: cannot read {}: {e}",
                self.kid,
                self.pem_file.display()
            ))
        })?;
        Ok(PublicKey {
            kid: self.kid.clone(),
            algorithm,
            pem,
        })
    }
}

/// How JWTs are verified.
#[derive(Debug, Clone)]
pub struct JwtConfig {
    /// Shared secret for HS256 tokens (tokens without `kid`). Check it with
    /// [`is_weak_secret`] before use outside development.
    pub hs256_secret: Option<SecretString>,
    /// Public keys for RS256 / EdDSA tokens, by `kid`.
    pub public_keys: Vec<PublicKey>,
    /// A JWKS file (`{"keys": [...]}`) with more public keys, read once when
    /// the verifier is built. Keys without `kid`, not for signing, symmetric,
    /// or of an algorithm not allowed are skipped (with a warning).
    pub jwks_file: Option<PathBuf>,
    /// Required `iss`.
    pub issuer: String,
    /// Required member of `aud`.
    pub audience: String,
    /// Clock-skew allowance on `exp` and `nbf` (at most [`MAX_LEEWAY`]).
    pub leeway: Duration,
    /// Algorithms accepted; every configured key's algorithm must be in it.
    pub allowed_algorithms: Vec<JwtAlgorithm>,
}

impl JwtConfig {
    /// A configuration with no keys, [`DEFAULT_LEEWAY`] and every supported
    /// algorithm allowed.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        Self {
            hs256_secret: None,
            public_keys: Vec::new(),
            jwks_file: None,
            issuer: issuer.into(),
            audience: audience.into(),
            leeway: DEFAULT_LEEWAY,
            allowed_algorithms: JwtAlgorithm::ALL.to_vec(),
        }
    }
}

/// Whether an HS256 secret is too weak to run with outside development:
/// shorter than [`MIN_SECRET_BYTES`] bytes, a well-known default or
/// placeholder, or made of fewer than 8 distinct characters.
pub fn is_weak_secret(secret: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "changeme",
        "change-me",
        "change_me",
        "change-this",
        "change_this",
        "replace-me",
        "replace_me",
        "your-256-bit-secret",
        "your-secret",
        "insecure",
        "do-not-use",
        "donotuse",
        "not-a-secret",
        "notasecret",
        "development",
        "example",
        "secretsecretsecret",
        "tasker-dev",
        "tasker_dev",
    ];
    if secret.len() < MIN_SECRET_BYTES {
        return true;
    }
    let lower = secret.trim().to_ascii_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        return true;
    }
    let mut distinct: Vec<u8> = lower.bytes().collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() < 8
}
