//! Shared test kit: a verifier configured with an HS256 secret, an RS256 and
//! an EdDSA public key (test-only fixtures), an in-memory key store with a
//! valid, a revoked and an expired key, token crafting, and the table of bad
//! credentials with the error each must produce.

#![allow(
    dead_code,
    unreachable_pub,
    missing_docs,
    clippy::expect_used,
    clippy::unwrap_used
)]

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{HeaderMap, HeaderValue};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use secrecy::ExposeSecret as _;
use serde_json::{Value, json};
use tasker_auth::{
    AuthError, Authenticator, JwtAlgorithm, JwtConfig, JwtVerifier, MemoryApiKeyStore,
    PermissionSet, PublicKey, SecretString, StoredApiKey, generate_api_key,
};
use uuid::Uuid;

pub const SECRET: &str = "q8Vh2kLw9ZpR4tYx7NmB3cFj6GsD1aEu-test-only";
pub const ISSUER: &str = "tasker-test";
pub const AUDIENCE: &str = "tasker-api";
pub const RSA_KID: &str = "rsa-1";
pub const ED_KID: &str = "ed-1";
pub const RSA_PRIVATE: &str = include_str!("../fixtures/rsa_private.pem");
pub const RSA_PUBLIC: &str = include_str!("../fixtures/rsa_public.pem");
pub const ED_PRIVATE: &str = include_str!("../fixtures/ed25519_private.pem");
pub const ED_PUBLIC: &str = include_str!("../fixtures/ed25519_public.pem");

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// HS256 secret plus RS256 and EdDSA public keys.
pub fn jwt_config() -> JwtConfig {
    let mut config = JwtConfig::new(ISSUER, AUDIENCE);
    config.hs256_secret = Some(SecretString::from(SECRET));
    config.public_keys = vec![
        PublicKey {
            kid: RSA_KID.into(),
            algorithm: JwtAlgorithm::RS256,
            pem: RSA_PUBLIC.into(),
        },
        PublicKey {
            kid: ED_KID.into(),
            algorithm: JwtAlgorithm::EdDSA,
            pem: ED_PUBLIC.into(),
        },
    ];
    config.leeway = Duration::from_secs(5);
    config
}

/// Valid claims carrying `permissions`.
pub fn claims(permissions: &[&str]) -> Value {
    let now = now();
    json!({
        "sub": "user:alice",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "nbf": now - 10,
        "exp": now + 300,
        "permissions": permissions,
    })
}

fn sign(alg: Algorithm, kid: Option<&str>, claims: &Value, key: &EncodingKey) -> String {
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, key).expect("sign")
}

pub fn hs256(claims: &Value) -> String {
    hs256_with(claims, SECRET.as_bytes(), None)
}

pub fn hs256_with(claims: &Value, secret: &[u8], kid: Option<&str>) -> String {
    sign(
        Algorithm::HS256,
        kid,
        claims,
        &EncodingKey::from_secret(secret),
    )
}

pub fn rs256(claims: &Value, kid: Option<&str>) -> String {
    let key = EncodingKey::from_rsa_pem(RSA_PRIVATE.as_bytes()).expect("rsa key");
    sign(Algorithm::RS256, kid, claims, &key)
}

pub fn eddsa(claims: &Value, kid: Option<&str>) -> String {
    let key = EncodingKey::from_ed_pem(ED_PRIVATE.as_bytes()).expect("ed key");
    sign(Algorithm::EdDSA, kid, claims, &key)
}

/// A token with a hand-written header and no signature check possible.
pub fn raw(header: &Value, claims: &Value, signature: &str) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        signature
    )
}

pub fn bearer(credential: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "authorization",
        HeaderValue::from_str(&format!("Bearer {credential}")).expect("header"),
    );
    headers
}

pub fn x_api_key(key: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("x-api-key", HeaderValue::from_str(key).expect("header"));
    headers
}

/// The key store, and the secrets of keys in it.
pub struct Keys {
    pub store: Arc<MemoryApiKeyStore>,
    pub revoked: String,
    pub expired: String,
    /// A well-formed key that is not in the store.
    pub unknown: String,
}

impl Keys {
    pub fn new() -> Self {
        let store = Arc::new(MemoryApiKeyStore::new());
        let revoked = add_key(&store, &["*"], &[], |k| {
            k.revoked_at = Some(SystemTime::now() - Duration::from_secs(5));
        });
        let expired = add_key(&store, &["*"], &[], |k| {
            k.expires_at = Some(SystemTime::now() - Duration::from_secs(5));
        });
        let unknown = generate_api_key().key.expose_secret().to_owned();
        Self {
            store,
            revoked,
            expired,
            unknown,
        }
    }

    /// Adds an active key with `permissions` and returns its secret.
    pub fn add(&self, permissions: &[&str], namespaces: &[&str]) -> String {
        add_key(&self.store, permissions, namespaces, |_| {})
    }
}

pub fn add_key(
    store: &MemoryApiKeyStore,
    permissions: &[&str],
    namespaces: &[&str],
    edit: impl FnOnce(&mut StoredApiKey),
) -> String {
    let generated = generate_api_key();
    let mut stored = StoredApiKey {
        uuid: Uuid::now_v7(),
        name: "test key".into(),
        prefix: generated.prefix.clone(),
        hash: generated.hash.clone(),
        permissions: PermissionSet::parse(permissions).expect("permissions"),
        namespaces: namespaces.iter().map(|n| (*n).to_owned()).collect(),
        created_by: "test".into(),
        created_at: SystemTime::now(),
        expires_at: None,
        revoked_at: None,
        last_used_at: None,
    };
    edit(&mut stored);
    store.insert(stored);
    generated.key.expose_secret().to_owned()
}

pub fn authenticator(keys: &Keys) -> Authenticator<Arc<MemoryApiKeyStore>> {
    let verifier = JwtVerifier::new(&jwt_config()).expect("verifier");
    Authenticator::new(Some(verifier), Arc::clone(&keys.store))
}

/// One bad credential: a name, the headers, and the error it must produce.
pub struct BadCredential {
    pub name: &'static str,
    pub headers: HeaderMap,
    pub expected: fn(&AuthError) -> bool,
}

/// Every way a credential can be wrong. Each token carries `*`, so only the
/// credential's defect can be the reason it is refused.
pub fn bad_credentials(keys: &Keys) -> Vec<BadCredential> {
    let all = ["*"];
    let now = now();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut c = claims(&all);
        edit(&mut c);
        c
    };
    vec![
        BadCredential {
            name: "no credentials",
            headers: HeaderMap::new(),
            expected: |e| matches!(e, AuthError::MissingCredentials),
        },
        BadCredential {
            name: "malformed token",
            headers: bearer("not-a-jwt"),
            expected: |e| matches!(e, AuthError::MalformedToken(_)),
        },
        BadCredential {
            name: "garbage in three parts",
            headers: bearer("a.b.c"),
            expected: |e| matches!(e, AuthError::MalformedToken(_)),
        },
        BadCredential {
            name: "bad signature",
            headers: bearer(&hs256_with(
                &claims(&all),
                b"another-secret-another-secret-xx",
                None,
            )),
            expected: |e| matches!(e, AuthError::BadSignature),
        },
        BadCredential {
            name: "tampered payload",
            headers: {
                let token = hs256(&claims(&["tasks:read"]));
                let parts: Vec<&str> = token.split('.').collect();
                let forged = URL_SAFE_NO_PAD.encode(claims(&all).to_string());
                bearer(&format!("{}.{}.{}", parts[0], forged, parts[2]))
            },
            expected: |e| matches!(e, AuthError::BadSignature),
        },
        BadCredential {
            name: "expired",
            headers: bearer(&hs256(&with(&|c| {
                c["exp"] = json!(now - 3600);
                c["nbf"] = json!(now - 7200);
            }))),
            expected: |e| matches!(e, AuthError::TokenExpired),
        },
        BadCredential {
            name: "not yet valid",
            headers: bearer(&hs256(&with(&|c| {
                c["nbf"] = json!(now + 3600);
                c["exp"] = json!(now + 7200);
            }))),
            expected: |e| matches!(e, AuthError::TokenNotYetValid),
        },
        BadCredential {
            name: "no exp",
            headers: bearer(&hs256(&with(&|c| {
                if let Some(o) = c.as_object_mut() {
                    o.remove("exp");
                }
            }))),
            expected: |e| matches!(e, AuthError::MalformedToken(_)),
        },
        BadCredential {
            name: "exp as a string",
            headers: bearer(&hs256(&with(&|c| {
                c["exp"] = json!((now + 300).to_string());
            }))),
            expected: |e| matches!(e, AuthError::MalformedToken(_)),
        },
        BadCredential {
            name: "wrong iss",
            headers: bearer(&hs256(&with(&|c| c["iss"] = json!("someone-else")))),
            expected: |e| matches!(e, AuthError::WrongIssuer),
        },
        BadCredential {
            name: "no iss",
            headers: bearer(&hs256(&with(&|c| {
                if let Some(o) = c.as_object_mut() {
                    o.remove("iss");
                }
            }))),
            expected: |e| matches!(e, AuthError::WrongIssuer),
        },
        BadCredential {
            name: "wrong aud",
            headers: bearer(&hs256(&with(&|c| c["aud"] = json!(["other-api"])))),
            expected: |e| matches!(e, AuthError::WrongAudience),
        },
        BadCredential {
            name: "no aud",
            headers: bearer(&hs256(&with(&|c| {
                if let Some(o) = c.as_object_mut() {
                    o.remove("aud");
                }
            }))),
            expected: |e| matches!(e, AuthError::WrongAudience),
        },
        BadCredential {
            name: "alg none",
            headers: bearer(&raw(
                &json!({"alg": "none", "typ": "JWT"}),
                &claims(&all),
                "",
            )),
            expected: |e| matches!(e, AuthError::AlgorithmNotAllowed),
        },
        BadCredential {
            name: "alg None with a signature",
            headers: bearer(&raw(&json!({"alg": "None"}), &claims(&all), "c2ln")),
            expected: |e| matches!(e, AuthError::AlgorithmNotAllowed),
        },
        BadCredential {
            name: "alg not in the allow-list",
            headers: bearer(&{
                let key = EncodingKey::from_secret(SECRET.as_bytes());
                jsonwebtoken::encode(&Header::new(Algorithm::HS512), &claims(&all), &key)
                    .expect("sign")
            }),
            expected: |e| matches!(e, AuthError::AlgorithmNotAllowed),
        },
        BadCredential {
            name: "HS256 signed with the RS256 public key PEM, kid of the RSA key",
            headers: bearer(&hs256_with(
                &claims(&all),
                RSA_PUBLIC.as_bytes(),
                Some(RSA_KID),
            )),
            expected: |e| matches!(e, AuthError::AlgorithmNotAllowed),
        },
        BadCredential {
            name: "HS256 signed with the RS256 public key PEM, no kid",
            headers: bearer(&hs256_with(&claims(&all), RSA_PUBLIC.as_bytes(), None)),
            expected: |e| matches!(e, AuthError::BadSignature),
        },
        BadCredential {
            name: "RS256 token presenting the EdDSA key's kid",
            headers: bearer(&rs256(&claims(&all), Some(ED_KID))),
            expected: |e| matches!(e, AuthError::AlgorithmNotAllowed),
        },
        BadCredential {
            name: "unknown kid",
            headers: bearer(&rs256(&claims(&all), Some("rsa-unknown"))),
            expected: |e| matches!(e, AuthError::UnknownKeyId),
        },
        BadCredential {
            name: "crit header",
            headers: bearer(&raw(
                &json!({"alg": "HS256", "crit": ["exp"]}),
                &claims(&all),
                "c2ln",
            )),
            expected: |e| matches!(e, AuthError::MalformedToken(_)),
        },
        BadCredential {
            name: "invalid permission claim",
            headers: bearer(&hs256(&with(&|c| c["permissions"] = json!(["ALL"])))),
            expected: |e| matches!(e, AuthError::MalformedToken(_)),
        },
        BadCredential {
            name: "revoked key (x-api-key)",
            headers: x_api_key(&keys.revoked),
            expected: |e| matches!(e, AuthError::RevokedKey),
        },
        BadCredential {
            name: "expired key (bearer)",
            headers: bearer(&keys.expired),
            expected: |e| matches!(e, AuthError::ExpiredKey),
        },
        BadCredential {
            name: "unknown key",
            headers: x_api_key(&keys.unknown),
            expected: |e| matches!(e, AuthError::UnknownKey),
        },
        BadCredential {
            name: "malformed key",
            headers: x_api_key("tk_nothex!!_short"),
            expected: |e| matches!(e, AuthError::MalformedCredentials(_)),
        },
        BadCredential {
            name: "basic auth",
            headers: {
                let mut h = HeaderMap::new();
                h.insert("authorization", HeaderValue::from_static("Basic YTpi"));
                h
            },
            expected: |e| matches!(e, AuthError::MalformedCredentials(_)),
        },
    ]
}
