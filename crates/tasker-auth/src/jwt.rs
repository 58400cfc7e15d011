//! JWT bearer tokens: verification ([`JwtVerifier`]) and issuance
//! ([`JwtIssuer`]), on top of `jsonwebtoken` with the pure-Rust crypto backend.
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

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{
    AlgorithmParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm, PublicKeyUse,
};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::Rng as _;
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

use crate::credential::{CredentialKind, Principal};
use crate::error::AuthError;
use crate::permission::PermissionSet;

/// Default clock-skew allowance on `exp` and `nbf`.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(30);
/// Largest leeway accepted in configuration.
pub const MAX_LEEWAY: Duration = Duration::from_secs(300);
/// Shortest HS256 secret [`is_weak_secret`] accepts, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;
/// Smallest RSA modulus accepted, in bits.
const MIN_RSA_BITS: usize = 2048;
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

    fn to_jwt(self) -> Algorithm {
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

/// A verification key with its algorithm.
struct VerificationKey {
    algorithm: JwtAlgorithm,
    key: DecodingKey,
}

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

/// The header fields looked at before verification.
#[derive(Deserialize)]
struct RawHeader {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

/// The claims read from a verified token (`iss`, `aud`, `nbf` are checked by
/// `jsonwebtoken` itself).
#[derive(Deserialize)]
struct VerifiedClaims {
    sub: String,
    exp: u64,
    #[serde(default)]
    permissions: Vec<String>,
    #[serde(default)]
    namespaces: Vec<String>,
    #[serde(default)]
    api_key: Option<String>,
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
        let allowed = config.allowed_algorithms.clone();
        let check_allowed = |algorithm: JwtAlgorithm, what: &str| {
            if allowed.contains(&algorithm) {
                Ok(())
            } else {
                Err(config_error(format!(
                    "{what} uses {algorithm}, which is not in the allowed algorithms"
                )))
            }
        };

        let hmac = match &config.hs256_secret {
            None => None,
            Some(secret) => {
                check_allowed(JwtAlgorithm::HS256, "the HS256 secret")?;
                if secret.expose_secret().is_empty() {
                    return Err(config_error("the HS256 secret is empty".into()));
                }
                Some(VerificationKey {
                    algorithm: JwtAlgorithm::HS256,
                    key: DecodingKey::from_secret(secret.expose_secret().as_bytes()),
                })
            }
        };

        let mut keys = HashMap::new();
        let mut add = |kid: String, key: VerificationKey| {
            if kid.is_empty() {
                return Err(config_error("a JWT public key has an empty kid".into()));
            }
            if keys.contains_key(&kid) {
                return Err(config_error(format!("duplicate JWT key id `{kid}`")));
            }
            keys.insert(kid, key);
            Ok(())
        };
        for public in &config.public_keys {
            check_allowed(public.algorithm, &format!("public key `{}`", public.kid))?;
            let key = pem_key(public)?;
            add(
                public.kid.clone(),
                VerificationKey {
                    algorithm: public.algorithm,
                    key,
                },
            )?;
        }
        if let Some(path) = &config.jwks_file {
            let text = std::fs::read_to_string(path).map_err(|e| {
                config_error(format!("cannot read JWKS file {}: {e}", path.display()))
            })?;
            let set: JwkSet = serde_json::from_str(&text).map_err(|e| {
                config_error(format!(
                    "JWKS file {} is not a JWK set: {e}",
                    path.display()
                ))
            })?;
            let mut usable = 0usize;
            for jwk in &set.keys {
                if let Some((kid, key)) = jwks_key(jwk, &allowed)? {
                    add(kid, key)?;
                    usable += 1;
                }
            }
            if usable == 0 {
                return Err(config_error(format!(
                    "JWKS file {} has no usable signing key",
                    path.display()
                )));
            }
        }
        if hmac.is_none() && keys.is_empty() {
            return Err(config_error(
                "JWT verification needs an HS256 secret or a public key".into(),
            ));
        }

        let validations = JwtAlgorithm::ALL
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
            .collect();
        Ok(Self {
            hmac,
            keys,
            allowed,
            validations,
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

fn map_jwt_error(kind: ErrorKind) -> AuthError {
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

fn principal(claims: VerifiedClaims) -> Result<Principal, AuthError> {
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

/// Loads a configured PEM public key.
fn pem_key(public: &PublicKey) -> Result<DecodingKey, AuthError> {
    let config_error =
        |what: &str| AuthError::Config(format!("public key `{}`: {what}", public.kid));
    if public.pem.contains("PRIVATE KEY") {
        return Err(config_error(
            "a private key was given; configure the public key",
        ));
    }
    match public.algorithm {
        JwtAlgorithm::HS256 => Err(config_error(
            "HS256 uses the shared secret (`hs256_secret`), not a public key",
        )),
        JwtAlgorithm::RS256 => {
            let key = DecodingKey::from_rsa_pem(public.pem.as_bytes())
                .map_err(|_| config_error("not an RSA public key in PEM"))?;
            let jwk = Jwk::from_decoding_key(&key, Some(Algorithm::RS256))
                .map_err(|_| config_error("not an RSA public key in PEM"))?;
            check_rsa_size(&jwk).map_err(config_error)?;
            Ok(key)
        }
        JwtAlgorithm::EdDSA => {
            let key = DecodingKey::from_ed_pem(public.pem.as_bytes())
                .map_err(|_| config_error("not an Ed25519 public key in PEM"))?;
            match key.try_get_as_bytes() {
                Ok(bytes) if bytes.len() == 32 => Ok(key),
                _ => Err(config_error("not an Ed25519 public key in PEM")),
            }
        }
    }
}

fn check_rsa_size(jwk: &Jwk) -> Result<(), &'static str> {
    let AlgorithmParameters::RSA(rsa) = &jwk.algorithm else {
        return Err("not an RSA key");
    };
    let modulus = URL_SAFE_NO_PAD
        .decode(&rsa.n)
        .map_err(|_| "RSA modulus is not base64url")?;
    let significant = modulus.iter().skip_while(|b| **b == 0).count();
    if significant * 8 < MIN_RSA_BITS {
        return Err("RSA keys must have at least 2048 bits");
    }
    Ok(())
}

/// The usable key of a JWKS entry, `None` (with a warning) for entries that
/// are not for us.
fn jwks_key(
    jwk: &Jwk,
    allowed: &[JwtAlgorithm],
) -> Result<Option<(String, VerificationKey)>, AuthError> {
    let Some(kid) = jwk.common.key_id.clone().filter(|k| !k.is_empty()) else {
        tracing::warn!("JWKS: skipping a key without `kid`");
        return Ok(None);
    };
    if matches!(
        jwk.common.public_key_use,
        Some(PublicKeyUse::Encryption | PublicKeyUse::Other(_))
    ) {
        tracing::warn!(kid = %kid, "JWKS: skipping a key not meant for signatures");
        return Ok(None);
    }
    let algorithm = match (&jwk.common.key_algorithm, &jwk.algorithm) {
        (Some(KeyAlgorithm::RS256), AlgorithmParameters::RSA(_))
        | (None, AlgorithmParameters::RSA(_)) => JwtAlgorithm::RS256,
        (Some(KeyAlgorithm::EdDSA), AlgorithmParameters::OctetKeyPair(okp))
        | (None, AlgorithmParameters::OctetKeyPair(okp))
            if okp.curve == EllipticCurve::Ed25519 =>
        {
            JwtAlgorithm::EdDSA
        }
        _ => {
            tracing::warn!(kid = %kid, "JWKS: skipping a key of an unsupported type or algorithm");
            return Ok(None);
        }
    };
    if !allowed.contains(&algorithm) {
        tracing::warn!(kid = %kid, %algorithm, "JWKS: skipping a key whose algorithm is not allowed");
        return Ok(None);
    }
    let invalid = |what: &str| AuthError::Config(format!("JWKS key `{kid}`: {what}"));
    match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => check_rsa_size(jwk).map_err(invalid)?,
        AlgorithmParameters::OctetKeyPair(okp) => {
            let x = URL_SAFE_NO_PAD
                .decode(&okp.x)
                .map_err(|_| invalid("`x` is not base64url"))?;
            if x.len() != 32 {
                return Err(invalid("Ed25519 keys are 32 bytes"));
            }
        }
        _ => return Ok(None),
    }
    let key = DecodingKey::from_jwk(jwk).map_err(|_| invalid("unreadable key"))?;
    Ok(Some((kid, VerificationKey { algorithm, key })))
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
        let ttl = ttl
            .unwrap_or(self.default_ttl)
            .min(self.max_ttl)
            .max(Duration::from_secs(1));
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
        let ttl = ttl
            .unwrap_or(self.default_ttl)
            .min(self.max_ttl)
            .max(Duration::from_secs(1));
        let mut expires_at = now + ttl;
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
            jti: Some(jti.iter().map(|b| format!("{b:02x}")).collect()),
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

#[cfg(test)]
mod tests {
    use super::*;

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
            pem: include_str!("../tests/fixtures/rsa_private.pem").into(),
        });
        assert!(matches!(
            JwtVerifier::new(&private),
            Err(AuthError::Config(_))
        ));

        let mut wrong_type = config.clone();
        wrong_type.public_keys.push(PublicKey {
            kid: "ed".into(),
            algorithm: JwtAlgorithm::RS256,
            pem: include_str!("../tests/fixtures/ed25519_public.pem").into(),
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
                pem: include_str!("../tests/fixtures/ed25519_public.pem").into(),
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
