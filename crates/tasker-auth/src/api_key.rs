//! API keys: generation, storage form, verification, and the storage seam.
//!
//! A key reads `tk_<prefix>_<secret>`: `tk_` and 8 lowercase hex digits form
//! the public prefix (`tk_3f9a1c2e`, 32 random bits) used to find the key in
//! storage and shown in listings; the secret is 32 random bytes (256 bits)
//! in URL-safe base64 without padding (43 characters). The key is shown once,
//! at creation. Storage keeps only the SHA-256 of the whole key string
//! ([`ApiKeyHash`]); verification hashes the presented key and compares the
//! hashes in constant time. A plain hash (not a slow password hash) is enough
//! because the secret has 256 bits of entropy.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng as _;
use secrecy::SecretString;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use uuid::Uuid;

use crate::credential::{CredentialKind, Principal};
use crate::error::AuthError;
use crate::permission::PermissionSet;

/// What every API key starts with.
pub const KEY_PREFIX: &str = "tk_";
/// Hex digits of randomness in the public prefix.
const PREFIX_HEX: usize = 8;
/// Length of the public prefix, `tk_` included.
pub const PREFIX_LEN: usize = KEY_PREFIX.len() + PREFIX_HEX;
/// Random bytes in the secret part.
const SECRET_BYTES: usize = 32;
/// Characters of the secret part (base64url, no padding, of 32 bytes).
const SECRET_CHARS: usize = 43;
/// Total length of a key: prefix, `_`, secret.
const KEY_LEN: usize = PREFIX_LEN + 1 + SECRET_CHARS;

/// SHA-256 of a whole API key string: the only form in which a key is stored.
/// Compared in constant time. Its `Debug` output is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKeyHash([u8; 32]);

impl ApiKeyHash {
    /// Hashes a key as presented (`tk_<prefix>_<secret>`).
    pub fn of(key: &str) -> Self {
        Self(Sha256::digest(key.as_bytes()).into())
    }

    /// Wraps stored hash bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The hash bytes, for storage.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The hash as 64 lowercase hex digits, for storage in a text column.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses 64 hex digits written by [`ApiKeyHash::to_hex`].
    ///
    /// # Errors
    /// [`AuthError::Config`] when the text is not 64 hex digits.
    pub fn from_hex(text: &str) -> Result<Self, AuthError> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text, &mut bytes)
            .map_err(|_| AuthError::Config("stored API key hash is not 64 hex digits".into()))?;
        Ok(Self(bytes))
    }

    /// Constant-time equality.
    pub fn matches(&self, other: &ApiKeyHash) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl fmt::Debug for ApiKeyHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKeyHash([redacted])")
    }
}

/// A freshly generated API key. Give [`GeneratedApiKey::key`] to the caller
/// once; store [`GeneratedApiKey::prefix`] and [`GeneratedApiKey::hash`].
#[derive(Debug)]
pub struct GeneratedApiKey {
    /// The whole key, `tk_<prefix>_<secret>`. Redacted in `Debug`.
    pub key: SecretString,
    /// The public prefix, `tk_` and 8 hex digits; unique in storage.
    pub prefix: String,
    /// SHA-256 of the whole key.
    pub hash: ApiKeyHash,
}

/// Generates a new API key from the thread-local CSPRNG (ChaCha, seeded from
/// the operating system).
///
/// The prefix has 32 random bits: storage must keep prefixes unique (a
/// unique index) and the caller should generate again on the rare conflict.
pub fn generate_api_key() -> GeneratedApiKey {
    let mut rng = rand::rng();
    let mut prefix_bytes = [0u8; PREFIX_HEX / 2];
    rng.fill_bytes(&mut prefix_bytes);
    let mut secret = [0u8; SECRET_BYTES];
    rng.fill_bytes(&mut secret);
    let prefix = format!("{KEY_PREFIX}{}", hex::encode(prefix_bytes));
    let key = format!("{prefix}_{}", URL_SAFE_NO_PAD.encode(secret));
    secret.fill(0);
    let hash = ApiKeyHash::of(&key);
    GeneratedApiKey {
        key: SecretString::from(key),
        prefix,
        hash,
    }
}

/// Checks the shape of a presented key and returns its public prefix.
///
/// # Errors
/// [`AuthError::MalformedCredentials`] when it is not `tk_<8 hex>_<43 base64url>`.
pub fn api_key_prefix(key: &str) -> Result<&str, AuthError> {
    // Each message says what is wrong, so a key cut short or mistyped is told
    // apart from one that is simply unknown.
    if !key.starts_with(KEY_PREFIX) {
        return Err(AuthError::MalformedCredentials(
            "API key does not start with `tk_`",
        ));
    }
    if key.len() != KEY_LEN || !key.is_ascii() {
        return Err(AuthError::MalformedCredentials(
            "API key has the wrong length: a key is `tk_`, 8 hex digits, `_` and 43 base64url characters (55 in all); was it copied whole?",
        ));
    }
    let (prefix, rest) = key.split_at(PREFIX_LEN);
    let hex = &prefix[KEY_PREFIX.len()..];
    if !hex
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(AuthError::MalformedCredentials(
            "API key does not have 8 lowercase hex digits after `tk_`",
        ));
    }
    let secret = rest.strip_prefix('_').filter(|secret| {
        secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if secret.is_none() {
        return Err(AuthError::MalformedCredentials(
            "API key does not end with `_` and 43 base64url characters",
        ));
    }
    Ok(prefix)
}

/// An API key as storage keeps it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApiKey {
    /// Identifier (UUIDv7).
    pub uuid: Uuid,
    /// Human-readable name.
    pub name: String,
    /// Public prefix, `tk_` and 8 hex digits; unique.
    pub prefix: String,
    /// SHA-256 of the whole key.
    pub hash: ApiKeyHash,
    /// Permissions granted.
    pub permissions: PermissionSet,
    /// Namespaces a worker using the key may serve; empty allows all.
    pub namespaces: Vec<String>,
    /// Subject of the credential that created the key.
    pub created_by: String,
    /// When the key was created.
    pub created_at: SystemTime,
    /// When the key stops working; `None` means never.
    pub expires_at: Option<SystemTime>,
    /// When the key was revoked; `None` while active.
    pub revoked_at: Option<SystemTime>,
    /// When the key was last used.
    pub last_used_at: Option<SystemTime>,
}

impl StoredApiKey {
    /// The subject of principals authenticated with this key,
    /// `api_key:<uuid>`.
    pub fn subject(&self) -> String {
        format!("api_key:{}", self.uuid)
    }
}

/// Where API keys live. The server implements it over its database; tests use
/// [`MemoryApiKeyStore`].
///
/// Implementations may write `async fn` for each method; the futures must be
/// `Send`.
pub trait ApiKeyStore: Send + Sync {
    /// The key with this public prefix (`tk_` and 8 hex digits), active or
    /// not; `None` if there is none.
    fn find_by_prefix(
        &self,
        prefix: &str,
    ) -> impl Future<Output = Result<Option<StoredApiKey>, AuthError>> + Send;

    /// The key with this identifier, active or not; `None` if there is
    /// none. Used to check that the key behind an `IssueToken` token still
    /// works.
    fn find_by_uuid(
        &self,
        uuid: Uuid,
    ) -> impl Future<Output = Result<Option<StoredApiKey>, AuthError>> + Send;

    /// Records that the key was used at `used_at` (for `last_used_at`).
    /// Called after every successful verification, so implementations
    /// should make it cheap (for example write only when the stored value is
    /// more than a minute old). A failure is logged and does not refuse the
    /// request.
    fn touch(
        &self,
        uuid: Uuid,
        used_at: SystemTime,
    ) -> impl Future<Output = Result<(), AuthError>> + Send;
}

impl<T: ApiKeyStore> ApiKeyStore for Arc<T> {
    fn find_by_prefix(
        &self,
        prefix: &str,
    ) -> impl Future<Output = Result<Option<StoredApiKey>, AuthError>> + Send {
        (**self).find_by_prefix(prefix)
    }

    fn find_by_uuid(
        &self,
        uuid: Uuid,
    ) -> impl Future<Output = Result<Option<StoredApiKey>, AuthError>> + Send {
        (**self).find_by_uuid(uuid)
    }

    fn touch(
        &self,
        uuid: Uuid,
        used_at: SystemTime,
    ) -> impl Future<Output = Result<(), AuthError>> + Send {
        (**self).touch(uuid, used_at)
    }
}

/// An [`ApiKeyStore`] in memory, for tests and tools.
#[derive(Debug, Default)]
pub struct MemoryApiKeyStore {
    keys: Mutex<HashMap<String, StoredApiKey>>,
}

impl MemoryApiKeyStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a key, by prefix.
    pub fn insert(&self, key: StoredApiKey) {
        self.lock().insert(key.prefix.clone(), key);
    }

    /// Marks the key revoked at `at`; `false` if there is no such key.
    pub fn revoke(&self, uuid: Uuid, at: SystemTime) -> bool {
        let mut keys = self.lock();
        match keys.values_mut().find(|k| k.uuid == uuid) {
            Some(key) => {
                key.revoked_at = Some(at);
                true
            }
            None => false,
        }
    }

    /// The key with this identifier.
    pub fn get(&self, uuid: Uuid) -> Option<StoredApiKey> {
        self.lock().values().find(|k| k.uuid == uuid).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, StoredApiKey>> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl ApiKeyStore for MemoryApiKeyStore {
    async fn find_by_prefix(&self, prefix: &str) -> Result<Option<StoredApiKey>, AuthError> {
        Ok(self.lock().get(prefix).cloned())
    }

    async fn find_by_uuid(&self, uuid: Uuid) -> Result<Option<StoredApiKey>, AuthError> {
        Ok(self.get(uuid))
    }

    async fn touch(&self, uuid: Uuid, used_at: SystemTime) -> Result<(), AuthError> {
        if let Some(key) = self.lock().values_mut().find(|k| k.uuid == uuid) {
            key.last_used_at = Some(used_at);
        }
        Ok(())
    }
}

/// Verifies a presented API key against `store` at time `now`.
pub(crate) async fn verify_api_key<K: ApiKeyStore>(
    store: &K,
    key: &str,
    now: SystemTime,
) -> Result<Principal, AuthError> {
    let prefix = api_key_prefix(key)?;
    let presented = ApiKeyHash::of(key);
    let Some(stored) = store.find_by_prefix(prefix).await? else {
        return Err(AuthError::UnknownKey);
    };
    // A wrong secret for a known prefix is reported like an unknown key, and
    // the key's state is only revealed to holders of the secret.
    if !stored.hash.matches(&presented) || stored.prefix != prefix {
        return Err(AuthError::UnknownKey);
    }
    if stored.revoked_at.is_some() {
        return Err(AuthError::RevokedKey);
    }
    if stored.expires_at.is_some_and(|at| at <= now) {
        return Err(AuthError::ExpiredKey);
    }
    if let Err(error) = store.touch(stored.uuid, now).await {
        tracing::warn!(error = %error, prefix = %stored.prefix, "could not record API key use");
    }
    Ok(Principal {
        subject: stored.subject(),
        kind: CredentialKind::ApiKey,
        permissions: stored.permissions,
        namespaces: stored.namespaces,
        expires_at: stored.expires_at,
        api_key: Some(stored.uuid),
    })
}

/// Checks that the API key a token was issued for (`uuid`, from the token's
/// `api_key` claim) still works at `now`: it exists, is not revoked and has
/// not expired.
pub(crate) async fn verify_issuing_key<K: ApiKeyStore>(
    store: &K,
    uuid: Uuid,
    now: SystemTime,
) -> Result<(), AuthError> {
    let Some(stored) = store.find_by_uuid(uuid).await? else {
        return Err(AuthError::UnknownKey);
    };
    if stored.revoked_at.is_some() {
        return Err(AuthError::RevokedKey);
    }
    if stored.expires_at.is_some_and(|at| at <= now) {
        return Err(AuthError::ExpiredKey);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use secrecy::ExposeSecret as _;

    use super::*;

    #[test]
    fn generated_keys_have_the_documented_shape() {
        let generated = generate_api_key();
        let key = generated.key.expose_secret();
        assert_eq!(key.len(), KEY_LEN);
        assert!(key.starts_with(&generated.prefix));
        assert_eq!(api_key_prefix(key).ok(), Some(generated.prefix.as_str()));
        assert!(generated.hash.matches(&ApiKeyHash::of(key)));
        assert!(!format!("{generated:?}").contains(key));
        assert!(!format!("{generated:?}").contains(&generated.hash.to_hex()));
        let other = generate_api_key();
        assert_ne!(other.key.expose_secret(), key);
        assert_ne!(other.hash, generated.hash);
    }

    #[test]
    fn hashes_round_trip_through_hex() -> Result<(), AuthError> {
        let hash = ApiKeyHash::of("tk_00000000_x");
        assert_eq!(ApiKeyHash::from_hex(&hash.to_hex())?, hash);
        assert!(ApiKeyHash::from_hex("abc").is_err());
        assert!(ApiKeyHash::from_hex(&"g".repeat(64)).is_err());
        assert!(ApiKeyHash::from_hex(&"é".repeat(32)).is_err());
        // SHA-256("") as a known answer.
        assert_eq!(
            ApiKeyHash::of("").to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        Ok(())
    }

    #[test]
    fn refuses_malformed_keys() {
        let good = generate_api_key();
        let good = good.key.expose_secret();
        let mut wrong_sep = good.to_owned();
        wrong_sep.replace_range(PREFIX_LEN..=PREFIX_LEN, "-");
        for key in [
            "",
            "tk_",
            "tk_3f9a1c2e",
            &good[..good.len() - 1],
            &format!("{good}A"),
            &good.replacen("tk_", "TK_", 1),
            &wrong_sep,
            &format!("tk_3F9A1C2E_{}", &good[PREFIX_LEN + 1..]),
            &format!("{}+{}", &good[..good.len() - 1], ""),
        ] {
            assert!(
                matches!(api_key_prefix(key), Err(AuthError::MalformedCredentials(_))),
                "{key:?}"
            );
        }
    }

    fn stored(generated: &GeneratedApiKey) -> StoredApiKey {
        StoredApiKey {
            uuid: Uuid::now_v7(),
            name: "test".into(),
            prefix: generated.prefix.clone(),
            hash: generated.hash.clone(),
            permissions: PermissionSet::parse(["tasks:read"]).unwrap_or_default(),
            namespaces: vec!["billing".into()],
            created_by: "test".into(),
            created_at: SystemTime::now(),
            expires_at: None,
            revoked_at: None,
            last_used_at: None,
        }
    }

    #[tokio::test]
    async fn verifies_and_records_use() -> Result<(), AuthError> {
        let store = MemoryApiKeyStore::new();
        let generated = generate_api_key();
        let record = stored(&generated);
        store.insert(record.clone());
        let now = SystemTime::now();
        let principal = verify_api_key(&store, generated.key.expose_secret(), now).await?;
        assert_eq!(principal.subject, format!("api_key:{}", record.uuid));
        assert_eq!(principal.kind, CredentialKind::ApiKey);
        assert_eq!(principal.namespaces, vec!["billing".to_owned()]);
        assert_eq!(
            store.get(record.uuid).and_then(|k| k.last_used_at),
            Some(now)
        );
        Ok(())
    }

    #[tokio::test]
    async fn refuses_unknown_wrong_revoked_and_expired_keys() {
        let store = MemoryApiKeyStore::new();
        let generated = generate_api_key();
        let mut record = stored(&generated);
        store.insert(record.clone());
        let key = generated.key.expose_secret();
        let now = SystemTime::now();

        let unknown = generate_api_key();
        assert!(matches!(
            verify_api_key(&store, unknown.key.expose_secret(), now).await,
            Err(AuthError::UnknownKey)
        ));
        // Right prefix, wrong secret.
        let forged = format!("{}_{}", generated.prefix, "A".repeat(SECRET_CHARS));
        assert!(matches!(
            verify_api_key(&store, &forged, now).await,
            Err(AuthError::UnknownKey)
        ));

        record.expires_at = Some(now - Duration::from_secs(1));
        store.insert(record.clone());
        assert!(matches!(
            verify_api_key(&store, key, now).await,
            Err(AuthError::ExpiredKey)
        ));
        record.expires_at = Some(now + Duration::from_secs(60));
        store.insert(record.clone());
        assert!(verify_api_key(&store, key, now).await.is_ok());

        assert!(store.revoke(record.uuid, now));
        assert!(matches!(
            verify_api_key(&store, key, now).await,
            Err(AuthError::RevokedKey)
        ));
        // The forged key still learns nothing about the revocation.
        assert!(matches!(
            verify_api_key(&store, &forged, now).await,
            Err(AuthError::UnknownKey)
        ));
    }
}
