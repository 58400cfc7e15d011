//! Authentication wiring of the server: the API key store over the database,
//! the JWT verifier and issuer built from `[auth]`, the first-start admin key,
//! the credential of the embedded example worker, and the per-credential cap
//! on watch streams.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use rand::Rng as _;
use tasker_auth::{
    AccessTable, ApiKeyHash, ApiKeyStore, AuthError, AuthLayer, Authenticator, CachedApiKeyStore,
    Catalogue, CredentialKind, ExposeSecret as _, JwtConfig, JwtIssuer, JwtVerifier,
    KeyCacheSettings, MemoryApiKeyStore, Permission, PermissionSet, Principal, SecretString,
    StoredApiKey, generate_api_key,
};
use tasker_store::{ApiKeyRecord, Store, StoreError, now_us};
use uuid::Uuid;

use crate::ServerError;
use crate::config::{Config, Environment};

/// Subject recorded when authentication is turned off (development only).
pub const ANONYMOUS: &str = "anonymous";

/// Namespace served by the embedded example worker.
pub const EXAMPLES_NAMESPACE: &str = tasker_examples::NAMESPACE;

/// Microseconds since the epoch → `SystemTime`.
pub fn system_time(micros: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_micros(u64::try_from(micros).unwrap_or(0))
}

/// `SystemTime` → microseconds since the epoch.
pub fn micros(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// API keys in the database, read through a bounded, time-limited cache
/// (`tasker_auth::key_cache`: a key revoked on another instance stops
/// working here within [`KeyCacheSettings::ttl`], one revoked here at once),
/// plus keys that live only in this process (the embedded worker's), which
/// are never written anywhere.
#[derive(Debug, Clone)]
pub struct ServerKeys {
    database: Arc<CachedApiKeyStore<DatabaseKeys>>,
    process: Arc<MemoryApiKeyStore>,
}

impl ServerKeys {
    /// Keys of `store`.
    pub fn new(store: Store) -> Self {
        Self {
            database: Arc::new(CachedApiKeyStore::new(
                DatabaseKeys { store },
                KeyCacheSettings::default(),
            )),
            process: Arc::new(MemoryApiKeyStore::new()),
        }
    }

    /// Forgets what the cache holds of key `uuid` (it was revoked here).
    pub fn forget(&self, uuid: Uuid) {
        self.database.forget(uuid);
    }
}

/// The API keys of the database, uncached.
#[derive(Debug, Clone)]
pub struct DatabaseKeys {
    store: Store,
}

impl ApiKeyStore for DatabaseKeys {
    async fn find_by_prefix(&self, prefix: &str) -> Result<Option<StoredApiKey>, AuthError> {
        match self.store.api_key_by_prefix(prefix).await {
            Ok(Some(record)) => stored_key(&record).map(Some),
            Ok(None) => Ok(None),
            Err(error) => Err(AuthError::store(error)),
        }
    }

    async fn find_by_uuid(&self, uuid: Uuid) -> Result<Option<StoredApiKey>, AuthError> {
        match self.store.get_api_key(&uuid.to_string()).await {
            Ok(Some(record)) => stored_key(&record).map(Some),
            Ok(None) => Ok(None),
            Err(error) => Err(AuthError::store(error)),
        }
    }

    async fn touch(&self, uuid: Uuid, used_at: SystemTime) -> Result<(), AuthError> {
        self.store
            .touch_api_key(&uuid.to_string(), micros(used_at))
            .await
            .map_err(AuthError::store)
    }
}

/// A stored record as `tasker-auth` sees it.
///
/// # Errors
/// [`AuthError::Config`] when the record is corrupt.
pub fn stored_key(record: &ApiKeyRecord) -> Result<StoredApiKey, AuthError> {
    Ok(StoredApiKey {
        uuid: Uuid::parse_str(&record.api_key_uuid)
            .map_err(|_| AuthError::Config("stored API key uuid is not a UUID".into()))?,
        name: record.name.clone(),
        prefix: record.prefix.clone(),
        hash: ApiKeyHash::from_hex(&record.key_hash)?,
        // Stored permissions were checked when the key was created; one that
        // no longer parses grants nothing rather than refusing the key.
        permissions: record
            .permissions
            .iter()
            .filter_map(|p| Permission::parse(p).ok())
            .collect(),
        namespaces: record.namespaces.clone(),
        created_by: record.created_by.clone(),
        created_at: system_time(record.created_at),
        expires_at: record.expires_at.map(system_time),
        revoked_at: record.revoked_at.map(system_time),
        last_used_at: record.last_used_at.map(system_time),
    })
}

impl ApiKeyStore for ServerKeys {
    async fn find_by_prefix(&self, prefix: &str) -> Result<Option<StoredApiKey>, AuthError> {
        if let Some(key) = self.process.find_by_prefix(prefix).await? {
            return Ok(Some(key));
        }
        self.database.find_by_prefix(prefix).await
    }

    async fn find_by_uuid(&self, uuid: Uuid) -> Result<Option<StoredApiKey>, AuthError> {
        if let Some(key) = self.process.get(uuid) {
            return Ok(Some(key));
        }
        self.database.find_by_uuid(uuid).await
    }

    /// Off the request path: at most once a minute per key, written by a
    /// task of its own (a relaxed write the request never waits for).
    async fn touch(&self, uuid: Uuid, used_at: SystemTime) -> Result<(), AuthError> {
        if self.process.get(uuid).is_some() || !self.database.touch_due(uuid) {
            return Ok(());
        }
        let database = self.database.inner().clone();
        tokio::spawn(async move {
            if let Err(error) = database.touch(uuid, used_at).await {
                tracing::warn!(error = %error, "could not record API key use");
            }
        });
        Ok(())
    }
}

/// Everything authentication needs at run time.
#[derive(Debug)]
pub struct Auth {
    /// The enforcement layer (`None` when authentication is turned off).
    pub layer: Option<AuthLayer<Authenticator<ServerKeys>>>,
    /// Verifies API keys for `IssueToken` (the same instance the layer uses).
    pub authenticator: Arc<Authenticator<ServerKeys>>,
    /// Signs the tokens of `IssueToken`.
    pub issuer: JwtIssuer,
    /// Every permission the API declares.
    pub catalogue: Catalogue,
    /// The embedded worker's key, in memory only.
    embedded_worker_key: Option<SecretString>,
    keys: ServerKeys,
    watch_cap: usize,
    watches: Arc<Mutex<HashMap<String, usize>>>,
}

impl Auth {
    /// Builds verifier, issuer and layer from `config`, and on a first start
    /// (no API key stored) creates the admin key and prints it once.
    ///
    /// # Errors
    /// [`ServerError::Config`] for unusable keys or settings, storage errors.
    pub async fn build(config: &Config, store: &Store) -> Result<Self, ServerError> {
        let auth = &config.auth;
        let config_error = |e: AuthError| ServerError::Config(format!("auth: {e}"));
        let secret = if auth.jwt_secret.is_empty() {
            if config.environment != Environment::Development {
                return Err(ServerError::Config(
                    "auth.jwt_secret: required outside development".into(),
                ));
            }
            tracing::warn!(
                "auth.jwt_secret is not set: tokens are signed with a random per-process secret and do not survive a restart"
            );
            random_secret()
        } else {
            SecretString::from(auth.jwt_secret.expose().to_owned())
        };
        let allowed = tasker_auth::parse_algorithms(&auth.allowed_algorithms)
            .map_err(|e| ServerError::Config(format!("auth.allowed_algorithms: {e}")))?;
        let public_keys = auth
            .public_keys
            .iter()
            .map(tasker_auth::PublicKeyFile::load)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ServerError::Config(format!("auth.public_keys: {e}")))?;
        let jwt = JwtConfig {
            hs256_secret: Some(secret.clone()),
            public_keys,
            jwks_file: (!auth.jwks_file.as_os_str().is_empty()).then(|| auth.jwks_file.clone()),
            issuer: auth.issuer.clone(),
            audience: auth.audience.clone(),
            leeway: Duration::from_secs(auth.leeway_seconds),
            allowed_algorithms: allowed,
        };
        let verifier = JwtVerifier::new(&jwt).map_err(config_error)?;
        let issuer = JwtIssuer::hs256(&secret, auth.issuer.clone(), auth.audience.clone())
            .and_then(|i| {
                i.with_ttl(
                    Duration::from_secs(auth.token_ttl_seconds),
                    Duration::from_secs(auth.max_token_ttl_seconds),
                )
            })
            .map_err(config_error)?;
        let catalogue = Catalogue::tasker_v1().map_err(config_error)?;
        let keys = ServerKeys::new(store.clone());
        let authenticator = Arc::new(Authenticator::new(Some(verifier), keys.clone()));
        let layer = if auth.enabled {
            let table = AccessTable::tasker_v1().map_err(config_error)?;
            Some(AuthLayer::new(
                Authenticator::new(
                    Some(JwtVerifier::new(&jwt).map_err(config_error)?),
                    keys.clone(),
                ),
                table,
            ))
        } else {
            tracing::warn!("authentication is turned off (development only): every RPC is open");
            None
        };
        let this = Self {
            layer,
            authenticator,
            issuer,
            catalogue,
            embedded_worker_key: None,
            keys,
            watch_cap: auth.max_watch_streams_per_credential,
            watches: Arc::default(),
        };
        if auth.bootstrap_admin_key {
            this.bootstrap_admin_key(store).await?;
        }
        Ok(this)
    }

    /// Creates the admin key on a first start (no API key stored) and prints
    /// it once on standard error; only its hash is stored. Of several
    /// servers starting together on one empty database, exactly one creates
    /// and prints a key (the store inserts it only while none exists).
    async fn bootstrap_admin_key(&self, store: &Store) -> Result<(), ServerError> {
        if store.count_api_keys().await? > 0 {
            return Ok(());
        }
        let mut permissions = PermissionSet::new();
        permissions.insert(Permission::All);
        let mut attempts = 0;
        let secret = loop {
            attempts += 1;
            let (record, secret) =
                new_key_record("admin (first start)", &permissions, &[], None, "system");
            match store.insert_first_api_key(&record).await {
                Ok(true) => break secret,
                Ok(false) => {
                    tracing::info!("another server created the first API key; none printed");
                    return Ok(());
                }
                Err(StoreError::KeyTaken(_)) if attempts < 5 => continue,
                Err(error) => return Err(error.into()),
            }
        };
        eprintln!(
            "\nadmin API key (shown once): {}\n  Send it as `x-api-key: <key>` or `authorization: Bearer <key>`. Only its hash is stored; create other keys with AuthService.CreateApiKey.\n",
            secret.expose_secret()
        );
        tracing::info!("first start: admin API key created and printed once");
        Ok(())
    }

    /// Generates and stores a key; returns its record and the secret (to be
    /// shown once).
    ///
    /// # Errors
    /// Storage errors.
    pub async fn create_key(
        &self,
        store: &Store,
        name: &str,
        permissions: &PermissionSet,
        namespaces: &[String],
        expires_at: Option<i64>,
        created_by: &str,
    ) -> Result<(ApiKeyRecord, SecretString), ServerError> {
        store_new_key(store, name, permissions, namespaces, expires_at, created_by).await
    }

    /// Forgets the cached copy of key `uuid`, so its revocation takes
    /// effect on this instance at once.
    pub fn forget_key(&self, uuid: Uuid) {
        self.keys.forget(uuid);
    }

    /// A key for the embedded example worker: `worker:*` on the `examples`
    /// namespace, held in memory only (never stored, never printed).
    pub fn embedded_worker_key(&mut self) -> SecretString {
        if let Some(key) = &self.embedded_worker_key {
            return key.clone();
        }
        let generated = generate_api_key();
        let mut permissions = PermissionSet::new();
        permissions.insert(Permission::Resource("worker".into()));
        self.keys.process.insert(StoredApiKey {
            uuid: tasker_core::new_uuid(),
            name: "embedded example worker".into(),
            prefix: generated.prefix.clone(),
            hash: generated.hash.clone(),
            permissions,
            namespaces: vec![EXAMPLES_NAMESPACE.into()],
            created_by: "system".into(),
            created_at: SystemTime::now(),
            expires_at: None,
            revoked_at: None,
            last_used_at: None,
        });
        self.embedded_worker_key = Some(generated.key.clone());
        generated.key
    }

    /// Watch streams open now, over every credential.
    pub fn open_watch_streams(&self) -> usize {
        self.watches
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .sum()
    }

    /// Takes one of the watch streams `subject` may hold; the slot is given
    /// back when the guard is dropped.
    ///
    /// # Errors
    /// [`ServerError::TooManyWatches`] when the credential already holds the
    /// maximum.
    pub fn watch_slot(&self, subject: &str) -> Result<WatchSlot, ServerError> {
        let mut watches = self.watches.lock().unwrap_or_else(PoisonError::into_inner);
        let count = watches.entry(subject.to_owned()).or_insert(0);
        if *count >= self.watch_cap {
            return Err(ServerError::TooManyWatches(self.watch_cap));
        }
        *count += 1;
        Ok(WatchSlot {
            subject: subject.to_owned(),
            watches: Arc::clone(&self.watches),
        })
    }
}

/// Generates and stores a key (no server needed: `tasker-server admin
/// create-key` calls it too); returns its record and the secret (to be shown
/// once).
///
/// # Errors
/// Storage errors.
pub async fn store_new_key(
    store: &Store,
    name: &str,
    permissions: &PermissionSet,
    namespaces: &[String],
    expires_at: Option<i64>,
    created_by: &str,
) -> Result<(ApiKeyRecord, SecretString), ServerError> {
    // A prefix collision (32 random bits) is retried with a fresh key.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let (record, secret) =
            new_key_record(name, permissions, namespaces, expires_at, created_by);
        match store.insert_api_key(&record).await {
            Ok(()) => return Ok((record, secret)),
            Err(StoreError::KeyTaken(_)) if attempts < 5 => continue,
            Err(error) => return Err(error.into()),
        }
    }
}

/// A freshly generated key's record (to store) and secret (to show once).
fn new_key_record(
    name: &str,
    permissions: &PermissionSet,
    namespaces: &[String],
    expires_at: Option<i64>,
    created_by: &str,
) -> (ApiKeyRecord, SecretString) {
    let generated = generate_api_key();
    let record = ApiKeyRecord {
        api_key_uuid: tasker_core::new_uuid().to_string(),
        name: name.to_owned(),
        prefix: generated.prefix.clone(),
        key_hash: generated.hash.to_hex(),
        permissions: permissions.to_strings(),
        namespaces: namespaces.to_vec(),
        created_by: created_by.to_owned(),
        created_at: now_us(),
        expires_at,
        revoked_at: None,
        last_used_at: None,
    };
    (record, generated.key)
}

/// One watch stream held by a credential; released on drop.
#[derive(Debug)]
pub struct WatchSlot {
    subject: String,
    watches: Arc<Mutex<HashMap<String, usize>>>,
}

impl Drop for WatchSlot {
    fn drop(&mut self) {
        let mut watches = self.watches.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = watches.get_mut(&self.subject) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                watches.remove(&self.subject);
            }
        }
    }
}

/// A random HS256 secret (384 bits) for a development process.
fn random_secret() -> SecretString {
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    bytes.fill(0);
    SecretString::from(secret)
}

/// The principal of a request; `None` when authentication is off (or for
/// public RPCs).
pub fn principal<T>(request: &tonic::Request<T>) -> Option<&Principal> {
    tasker_auth::principal(request)
}

/// Fails unless the caller may act on `namespace` (always allowed when
/// authentication is off).
///
/// # Errors
/// PERMISSION_DENIED naming the namespace.
pub fn require_namespace(principal: Option<&Principal>, namespace: &str) -> Result<(), AuthError> {
    match principal {
        Some(principal) => principal.require_namespace(namespace),
        None => Ok(()),
    }
}

/// The proto form of a credential kind.
pub fn kind_to_proto(kind: CredentialKind) -> tasker_proto::v1::CredentialKind {
    match kind {
        CredentialKind::Jwt => tasker_proto::v1::CredentialKind::Jwt,
        CredentialKind::ApiKey => tasker_proto::v1::CredentialKind::ApiKey,
    }
}
