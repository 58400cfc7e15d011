//! The verification keys of a [`JwtConfig`]: the HS256 secret, PEM public
//! keys and the keys of a JWKS file, each checked before it is used — the
//! algorithm allowed, no private key, RSA of at least 2048 bits, Ed25519 of
//! 32 bytes, `kid`s unique.

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{
    AlgorithmParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm, PublicKeyUse,
};
use jsonwebtoken::{Algorithm, DecodingKey};
use secrecy::ExposeSecret as _;

use super::{JwtAlgorithm, JwtConfig, PublicKey};
use crate::error::AuthError;

/// Smallest RSA modulus accepted, in bits.
const MIN_RSA_BITS: usize = 2048;

/// A verification key with its algorithm.
pub(super) struct VerificationKey {
    pub(super) algorithm: JwtAlgorithm,
    pub(super) key: DecodingKey,
}

/// Every verification key of a configuration.
pub(super) struct KeySet {
    /// The HS256 secret, for tokens without `kid`.
    pub(super) hmac: Option<VerificationKey>,
    /// Public keys by `kid`.
    pub(super) keys: HashMap<String, VerificationKey>,
}

impl KeySet {
    /// Loads and checks every key of `config`: the HS256 secret, the public
    /// keys, then the JWKS file; at least one key must be usable.
    pub(super) fn load(config: &JwtConfig) -> Result<Self, AuthError> {
        let config_error = |message: String| AuthError::Config(message);
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

        Ok(Self { hmac, keys })
    }
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
