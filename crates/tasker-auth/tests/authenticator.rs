//! The authenticator against every kind of bad credential (table-driven), and
//! each kind of good one.

// Helpers outside #[test] functions may panic too: they only run in tests.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::time::{Duration, SystemTime};

use common::*;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde_json::json;
use tasker_auth::{
    AuthError, Authenticator, CredentialKind, ExposeSecret, JwtAlgorithm, JwtConfig, JwtIssuer,
    JwtVerifier, MemoryApiKeyStore, Permission, PermissionSet, Principal, PublicKey, SecretString,
};

fn perm(text: &str) -> Permission {
    Permission::parse(text).expect("permission")
}

#[tokio::test]
async fn every_bad_credential_is_refused_with_its_own_error() {
    let keys = Keys::new();
    let authenticator = authenticator(&keys);
    let cases = bad_credentials(&keys);
    assert!(cases.len() >= 13);
    for case in cases {
        match authenticator.authenticate(&case.headers).await {
            Ok(principal) => panic!("{}: accepted as {}", case.name, principal.subject),
            Err(error) => {
                assert!((case.expected)(&error), "{}: got {error:?}", case.name);
                assert!(error.is_unauthenticated(), "{}: {error:?}", case.name);
                let status = tonic::Status::from(error);
                assert_eq!(status.code(), tonic::Code::Unauthenticated, "{}", case.name);
            }
        }
    }
}

#[tokio::test]
async fn error_messages_never_contain_the_credential() {
    let keys = Keys::new();
    let authenticator = authenticator(&keys);
    for case in bad_credentials(&keys) {
        let Err(error) = authenticator.authenticate(&case.headers).await else {
            continue;
        };
        let text = format!("{error} {error:?}");
        for value in case.headers.values() {
            let value = value.to_str().unwrap_or_default();
            let credential = value.trim_start_matches("Bearer ");
            if credential.len() > 8 {
                assert!(!text.contains(credential), "{}: {text}", case.name);
            }
        }
        assert!(!text.contains(SECRET));
    }
}

#[tokio::test]
async fn an_rs256_only_server_refuses_hs256_tokens_made_from_its_public_key() {
    let mut config = jwt_config();
    config.hs256_secret = None;
    config.public_keys.retain(|k| k.kid == RSA_KID);
    config.allowed_algorithms = vec![JwtAlgorithm::RS256];
    let verifier = JwtVerifier::new(&config).expect("verifier");
    let authenticator = Authenticator::new(Some(verifier), MemoryApiKeyStore::new());
    for kid in [None, Some(RSA_KID)] {
        let token = hs256_with(&claims(&["*"]), RSA_PUBLIC.as_bytes(), kid);
        assert!(matches!(
            authenticator.authenticate(&bearer(&token)).await,
            Err(AuthError::AlgorithmNotAllowed)
        ));
    }
    // Its own tokens, with or without kid (the only key is the default).
    for kid in [None, Some(RSA_KID)] {
        let token = rs256(&claims(&["tasks:read"]), kid);
        assert!(authenticator.authenticate(&bearer(&token)).await.is_ok());
    }
}

#[tokio::test]
async fn without_a_jwt_verifier_tokens_are_refused() {
    let authenticator = Authenticator::new(None, MemoryApiKeyStore::new());
    assert!(matches!(
        authenticator
            .authenticate(&bearer(&hs256(&claims(&[]))))
            .await,
        Err(AuthError::UnknownKeyId)
    ));
}

#[tokio::test]
async fn leeway_absorbs_small_clock_skew_only() {
    let keys = Keys::new();
    let authenticator = authenticator(&keys);
    let now = now();
    let mut c = claims(&[]);
    c["exp"] = json!(now - 2); // within the 5 s leeway
    assert!(
        authenticator
            .authenticate(&bearer(&hs256(&c)))
            .await
            .is_ok()
    );
    c["exp"] = json!(now - 30);
    assert!(matches!(
        authenticator.authenticate(&bearer(&hs256(&c))).await,
        Err(AuthError::TokenExpired)
    ));
    let mut c = claims(&[]);
    c["nbf"] = json!(now + 2);
    assert!(
        authenticator
            .authenticate(&bearer(&hs256(&c)))
            .await
            .is_ok()
    );
}

fn assert_alice(principal: &Principal, permissions: &[&str]) {
    assert_eq!(principal.subject, "user:alice");
    assert_eq!(principal.kind, CredentialKind::Jwt);
    assert_eq!(
        principal.permissions,
        PermissionSet::parse(permissions).expect("permissions")
    );
    assert!(principal.expires_at.is_some_and(|t| t > SystemTime::now()));
}

#[tokio::test]
async fn hs256_rs256_and_eddsa_tokens_are_accepted() {
    let keys = Keys::new();
    let authenticator = authenticator(&keys);
    let perms = ["tasks:read", "steps:*"];
    for token in [
        hs256(&claims(&perms)),
        rs256(&claims(&perms), Some(RSA_KID)),
        eddsa(&claims(&perms), Some(ED_KID)),
    ] {
        let principal = authenticator
            .authenticate(&bearer(&token))
            .await
            .expect("accepted");
        assert_alice(&principal, &perms);
        assert!(principal.allows(&perm("steps:resolve")));
        assert!(!principal.allows(&perm("tasks:create")));
        assert!(principal.namespaces.is_empty());
    }
    // An audience array containing ours, and namespaces.
    let mut c = claims(&perms);
    c["aud"] = json!(["elsewhere", AUDIENCE]);
    c["namespaces"] = json!(["billing"]);
    let principal = authenticator
        .authenticate(&bearer(&hs256(&c)))
        .await
        .expect("accepted");
    assert_eq!(principal.namespaces, vec!["billing".to_owned()]);
    assert!(principal.require_namespace("billing").is_ok());
    assert!(principal.require_namespace("shipping").is_err());
}

#[tokio::test]
async fn keys_from_a_jwks_file_are_selected_by_kid() {
    let rsa = DecodingKey::from_rsa_pem(RSA_PUBLIC.as_bytes()).expect("rsa");
    let ed = DecodingKey::from_ed_pem(ED_PUBLIC.as_bytes()).expect("ed");
    let mut rsa_jwk = Jwk::from_decoding_key(&rsa, Some(Algorithm::RS256)).expect("jwk");
    rsa_jwk.common.key_id = Some("jwks-rsa".into());
    let mut ed_jwk = Jwk::from_decoding_key(&ed, None).expect("jwk");
    ed_jwk.common.key_id = Some("jwks-ed".into());
    let mut no_kid = rsa_jwk.clone();
    no_kid.common.key_id = None;
    let set = JwkSet {
        keys: vec![rsa_jwk, ed_jwk, no_kid],
    };
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), serde_json::to_string(&set).expect("json")).expect("write");

    let mut config = JwtConfig::new(ISSUER, AUDIENCE);
    config.jwks_file = Some(file.path().to_owned());
    let verifier = JwtVerifier::new(&config).expect("verifier");
    let mut ids: Vec<_> = verifier.key_ids().collect();
    ids.sort_unstable();
    assert_eq!(ids, ["jwks-ed", "jwks-rsa"]);
    let authenticator = Authenticator::new(Some(verifier), MemoryApiKeyStore::new());
    for token in [
        rs256(&claims(&["tasks:read"]), Some("jwks-rsa")),
        eddsa(&claims(&["tasks:read"]), Some("jwks-ed")),
    ] {
        let principal = authenticator
            .authenticate(&bearer(&token))
            .await
            .expect("accepted");
        assert_alice(&principal, &["tasks:read"]);
    }
    // Two keys and no HMAC secret: a token without kid selects nothing.
    assert!(matches!(
        authenticator
            .authenticate(&bearer(&rs256(&claims(&[]), None)))
            .await,
        Err(AuthError::UnknownKeyId)
    ));
    // Cross-family kid confusion.
    assert!(matches!(
        authenticator
            .authenticate(&bearer(&rs256(&claims(&[]), Some("jwks-ed"))))
            .await,
        Err(AuthError::AlgorithmNotAllowed)
    ));

    // A JWKS file that is missing or has nothing usable is a start-up error.
    config.jwks_file = Some(file.path().with_extension("missing"));
    assert!(matches!(
        JwtVerifier::new(&config),
        Err(AuthError::Config(_))
    ));
    std::fs::write(
        file.path(),
        r#"{"keys": [{"kty": "oct", "kid": "x", "k": "c2VjcmV0"}]}"#,
    )
    .expect("write");
    config.jwks_file = Some(file.path().to_owned());
    assert!(matches!(
        JwtVerifier::new(&config),
        Err(AuthError::Config(_))
    ));
}

#[tokio::test]
async fn api_keys_are_accepted_in_both_headers() {
    let keys = Keys::new();
    let authenticator = authenticator(&keys);
    let key = keys.add(&["worker:*"], &["billing"]);
    for headers in [x_api_key(&key), bearer(&key)] {
        let principal = authenticator
            .authenticate(&headers)
            .await
            .expect("accepted");
        assert_eq!(principal.kind, CredentialKind::ApiKey);
        assert!(principal.subject.starts_with("api_key:"));
        assert!(principal.allows(&perm("worker:claim")));
        assert!(principal.allows(&perm("worker:report")));
        assert!(!principal.allows(&perm("tasks:read")));
        assert_eq!(principal.namespaces, vec!["billing".to_owned()]);
        assert_eq!(principal.expires_at, None);
    }
}

#[tokio::test]
async fn issued_tokens_verify_and_never_exceed_their_key() {
    let keys = Keys::new();
    let authenticator = authenticator(&keys);

    // HS256, no kid: verified with the shared secret.
    let issuer = JwtIssuer::hs256(&SecretString::from(SECRET), ISSUER, AUDIENCE).expect("issuer");
    let key = keys.add(&["tasks:*", "steps:read"], &["billing"]);
    let from_key = authenticator.authenticate_api_key(&key).await.expect("key");
    let subset = PermissionSet::parse(["tasks:read"]).expect("perms");
    let issued = issuer
        .exchange(&from_key, &subset, Some(Duration::from_secs(60)))
        .expect("issued");
    let principal = authenticator
        .authenticate(&bearer(issued.token.expose_secret()))
        .await
        .expect("token accepted");
    assert_eq!(principal.subject, from_key.subject);
    assert_eq!(principal.kind, CredentialKind::Jwt);
    assert_eq!(principal.permissions, subset);
    assert_eq!(principal.namespaces, vec!["billing".to_owned()]);

    // Empty request: every permission of the key.
    let all = issuer
        .exchange(&from_key, &PermissionSet::new(), None)
        .expect("issued");
    assert_eq!(all.permissions, from_key.permissions);

    // More than the key holds: refused, naming the permission.
    let escalate = PermissionSet::parse(["steps:resolve"]).expect("perms");
    assert!(matches!(
        issuer.exchange(&from_key, &escalate, None),
        Err(AuthError::PermissionDenied { permission }) if permission == "steps:resolve"
    ));

    // A key expiring soon caps the token.
    let soon = SystemTime::now() + Duration::from_secs(30);
    let short = Principal {
        expires_at: Some(soon),
        ..from_key.clone()
    };
    let issued = issuer
        .exchange(
            &short,
            &PermissionSet::new(),
            Some(Duration::from_secs(3600)),
        )
        .expect("issued");
    assert!(issued.expires_at <= soon);

    // EdDSA with kid: verified with the configured public key of that kid.
    let issuer = JwtIssuer::eddsa(&SecretString::from(ED_PRIVATE), ED_KID, ISSUER, AUDIENCE)
        .expect("issuer");
    let issued = issuer.issue("svc:ci", &subset, &[], None).expect("issued");
    let principal = authenticator
        .authenticate(&bearer(issued.token.expose_secret()))
        .await
        .expect("token accepted");
    assert_eq!(principal.subject, "svc:ci");

    // A token from another issuer name is refused by this verifier.
    let stranger =
        JwtIssuer::hs256(&SecretString::from(SECRET), "someone-else", AUDIENCE).expect("issuer");
    let issued = stranger.issue("x", &subset, &[], None).expect("issued");
    assert!(matches!(
        authenticator
            .authenticate(&bearer(issued.token.expose_secret()))
            .await,
        Err(AuthError::WrongIssuer)
    ));
}

#[tokio::test]
async fn issued_tokens_end_with_their_key() {
    let keys = Keys::new();
    let authenticator = authenticator(&keys);
    let issuer = JwtIssuer::hs256(&SecretString::from(SECRET), ISSUER, AUDIENCE).expect("issuer");
    let key = keys.add(&["tasks:*"], &[]);
    let from_key = authenticator.authenticate_api_key(&key).await.expect("key");
    let uuid = from_key
        .api_key
        .expect("an API key principal names its key");
    let issued = issuer
        .exchange(&from_key, &PermissionSet::new(), None)
        .expect("issued");
    let token = bearer(issued.token.expose_secret());
    let principal = authenticator.authenticate(&token).await.expect("accepted");
    assert_eq!(principal.api_key, Some(uuid));

    // Revoked: the token is refused at once, like the key.
    assert!(keys.store.revoke(uuid, SystemTime::now()));
    assert!(matches!(
        authenticator.authenticate(&token).await,
        Err(AuthError::RevokedKey)
    ));
    // A token naming a key that does not exist is refused too.
    let mut ghost = from_key.clone();
    ghost.api_key = Some(uuid::Uuid::now_v7());
    let issued = issuer
        .exchange(&ghost, &PermissionSet::new(), None)
        .expect("issued");
    assert!(matches!(
        authenticator
            .authenticate(&bearer(issued.token.expose_secret()))
            .await,
        Err(AuthError::UnknownKey)
    ));
    // Tokens of another issuer (no key behind them) live until they expire.
    let issued = issuer
        .issue("user:idp", &PermissionSet::new(), &[], None)
        .expect("issued");
    let principal = authenticator
        .authenticate(&bearer(issued.token.expose_secret()))
        .await
        .expect("accepted");
    assert_eq!(principal.api_key, None);
}

#[test]
fn public_key_configuration_refuses_mistakes() {
    let base = || {
        let mut c = JwtConfig::new(ISSUER, AUDIENCE);
        c.public_keys.push(PublicKey {
            kid: "k".into(),
            algorithm: JwtAlgorithm::EdDSA,
            pem: ED_PUBLIC.into(),
        });
        c
    };
    assert!(JwtVerifier::new(&base()).is_ok());
    let mut hs_as_public = base();
    hs_as_public.public_keys[0].algorithm = JwtAlgorithm::HS256;
    assert!(matches!(
        JwtVerifier::new(&hs_as_public),
        Err(AuthError::Config(_))
    ));
    let mut garbage = base();
    garbage.public_keys[0].pem =
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".into();
    assert!(matches!(
        JwtVerifier::new(&garbage),
        Err(AuthError::Config(_))
    ));
    let mut private = base();
    private.public_keys[0].pem = ED_PRIVATE.into();
    assert!(matches!(
        JwtVerifier::new(&private),
        Err(AuthError::Config(_))
    ));
    let mut not_allowed = base();
    not_allowed.allowed_algorithms = vec![JwtAlgorithm::RS256];
    assert!(matches!(
        JwtVerifier::new(&not_allowed),
        Err(AuthError::Config(_))
    ));
}
