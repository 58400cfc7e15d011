//! A bounded, time-limited cache in front of an [`ApiKeyStore`], so a
//! request authenticated with an API key costs a hash and a map lookup
//! instead of a database read, and "last used" is recorded at most once per
//! interval per key.
//!
//! Only keys that exist are cached (an unknown prefix always asks the store,
//! so a key created on another instance works at once). A cached key is
//! used for at most [`KeyCacheSettings::ttl`]: that is the bound on how long
//! a key revoked on *another* instance keeps working here; a key revoked
//! through this instance is forgotten at once ([`CachedApiKeyStore::forget`]).
//! Revocation, expiry and the secret are checked on every request against the
//! cached record, exactly as against a fresh one.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use uuid::Uuid;

use crate::api_key::{ApiKeyStore, StoredApiKey};
use crate::error::AuthError;

/// How the cache behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyCacheSettings {
    /// How long a key read from the store is used before it is read again.
    pub ttl: Duration,
    /// Most keys kept; when full, the cache starts over.
    pub capacity: usize,
    /// Least time between two "last used" writes of one key.
    pub touch_every: Duration,
}

impl Default for KeyCacheSettings {
    fn default() -> Self {
        Self {
            ttl: Duration::from_secs(5),
            capacity: 10_000,
            touch_every: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Default)]
struct Entries {
    by_prefix: HashMap<String, (Instant, StoredApiKey)>,
    by_uuid: HashMap<Uuid, (Instant, StoredApiKey)>,
    touched: HashMap<Uuid, Instant>,
}

/// An [`ApiKeyStore`] that caches `inner`'s keys (see the module
/// documentation).
#[derive(Debug)]
pub struct CachedApiKeyStore<K> {
    inner: K,
    settings: KeyCacheSettings,
    entries: Mutex<Entries>,
}

impl<K: ApiKeyStore> CachedApiKeyStore<K> {
    /// A cache in front of `inner`.
    pub fn new(inner: K, settings: KeyCacheSettings) -> Self {
        Self {
            inner,
            settings,
            entries: Mutex::new(Entries::default()),
        }
    }

    /// The store behind the cache.
    pub fn inner(&self) -> &K {
        &self.inner
    }

    /// Forgets the key `uuid` (after it was revoked or changed here), so the
    /// next request reads it from the store.
    pub fn forget(&self, uuid: Uuid) {
        let mut entries = self.lock();
        entries.by_prefix.retain(|_, (_, key)| key.uuid != uuid);
        entries.by_uuid.remove(&uuid);
    }

    /// Forgets every key.
    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.by_prefix.clear();
        entries.by_uuid.clear();
    }

    /// Whether "last used" of `uuid` is due to be written now (at most once
    /// per [`KeyCacheSettings::touch_every`]); when it is, it is counted as
    /// written. Lets a caller write it off the request path.
    pub fn touch_due(&self, uuid: Uuid) -> bool {
        let now = Instant::now();
        let mut entries = self.lock();
        if entries
            .touched
            .get(&uuid)
            .is_some_and(|at| now.duration_since(*at) < self.settings.touch_every)
        {
            return false;
        }
        if entries.touched.len() >= self.settings.capacity {
            entries.touched.clear();
        }
        entries.touched.insert(uuid, now);
        true
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn fresh(&self, at: Instant) -> bool {
        at.elapsed() < self.settings.ttl
    }

    fn remember(&self, key: &StoredApiKey) {
        let now = Instant::now();
        let mut entries = self.lock();
        if entries.by_prefix.len() >= self.settings.capacity
            || entries.by_uuid.len() >= self.settings.capacity
        {
            entries.by_prefix.clear();
            entries.by_uuid.clear();
        }
        entries
            .by_prefix
            .insert(key.prefix.clone(), (now, key.clone()));
        entries.by_uuid.insert(key.uuid, (now, key.clone()));
    }
}

impl<K: ApiKeyStore> ApiKeyStore for CachedApiKeyStore<K> {
    async fn find_by_prefix(&self, prefix: &str) -> Result<Option<StoredApiKey>, AuthError> {
        let cached = self
            .lock()
            .by_prefix
            .get(prefix)
            .filter(|(at, _)| self.fresh(*at))
            .map(|(_, key)| key.clone());
        if cached.is_some() {
            return Ok(cached);
        }
        let key = self.inner.find_by_prefix(prefix).await?;
        if let Some(key) = &key {
            self.remember(key);
        }
        Ok(key)
    }

    async fn find_by_uuid(&self, uuid: Uuid) -> Result<Option<StoredApiKey>, AuthError> {
        let cached = self
            .lock()
            .by_uuid
            .get(&uuid)
            .filter(|(at, _)| self.fresh(*at))
            .map(|(_, key)| key.clone());
        if cached.is_some() {
            return Ok(cached);
        }
        let key = self.inner.find_by_uuid(uuid).await?;
        if let Some(key) = &key {
            self.remember(key);
        }
        Ok(key)
    }

    async fn touch(&self, uuid: Uuid, used_at: SystemTime) -> Result<(), AuthError> {
        if self.touch_due(uuid) {
            self.inner.touch(uuid, used_at).await
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::api_key::{ApiKeyHash, MemoryApiKeyStore, generate_api_key};
    use crate::permission::PermissionSet;

    /// Counts the reads and touches that reach the store.
    #[derive(Debug, Default)]
    struct Counting {
        keys: MemoryApiKeyStore,
        reads: AtomicUsize,
        touches: AtomicUsize,
    }

    impl ApiKeyStore for Arc<Counting> {
        async fn find_by_prefix(&self, prefix: &str) -> Result<Option<StoredApiKey>, AuthError> {
            self.reads.fetch_add(1, Ordering::Relaxed);
            self.keys.find_by_prefix(prefix).await
        }
        async fn find_by_uuid(&self, uuid: Uuid) -> Result<Option<StoredApiKey>, AuthError> {
            self.reads.fetch_add(1, Ordering::Relaxed);
            self.keys.find_by_uuid(uuid).await
        }
        async fn touch(&self, uuid: Uuid, used_at: SystemTime) -> Result<(), AuthError> {
            self.touches.fetch_add(1, Ordering::Relaxed);
            self.keys.touch(uuid, used_at).await
        }
    }

    fn key() -> StoredApiKey {
        let generated = generate_api_key();
        StoredApiKey {
            uuid: Uuid::now_v7(),
            name: "k".into(),
            prefix: generated.prefix,
            hash: ApiKeyHash::of("x"),
            permissions: PermissionSet::default(),
            namespaces: Vec::new(),
            created_by: "test".into(),
            created_at: SystemTime::now(),
            expires_at: None,
            revoked_at: None,
            last_used_at: None,
        }
    }

    #[tokio::test]
    async fn reads_a_key_once_per_ttl_and_forgets_it_on_demand() -> Result<(), AuthError> {
        let store = Arc::new(Counting::default());
        let record = key();
        store.keys.insert(record.clone());
        let settings = KeyCacheSettings {
            ttl: Duration::from_millis(200),
            ..KeyCacheSettings::default()
        };
        let cache = CachedApiKeyStore::new(Arc::clone(&store), settings);
        for _ in 0..10 {
            assert_eq!(
                cache.find_by_prefix(&record.prefix).await?,
                Some(record.clone())
            );
            assert_eq!(cache.find_by_uuid(record.uuid).await?, Some(record.clone()));
        }
        assert_eq!(store.reads.load(Ordering::Relaxed), 1);

        // Revoked here: forgotten, so the next request sees the revocation.
        store.keys.revoke(record.uuid, SystemTime::now());
        cache.forget(record.uuid);
        let read = cache.find_by_prefix(&record.prefix).await?;
        assert!(read.is_some_and(|k| k.revoked_at.is_some()));
        assert_eq!(store.reads.load(Ordering::Relaxed), 2);

        // Revoked elsewhere: seen once the entry is older than the TTL.
        let mut other = key();
        store.keys.insert(other.clone());
        assert!(cache.find_by_prefix(&other.prefix).await?.is_some());
        other.revoked_at = Some(SystemTime::now());
        store.keys.insert(other.clone());
        let stale = cache.find_by_prefix(&other.prefix).await?;
        assert!(stale.is_some_and(|k| k.revoked_at.is_none()));
        tokio::time::sleep(Duration::from_millis(250)).await;
        let fresh = cache.find_by_prefix(&other.prefix).await?;
        assert!(fresh.is_some_and(|k| k.revoked_at.is_some()));
        Ok(())
    }

    #[tokio::test]
    async fn unknown_keys_always_ask_the_store() -> Result<(), AuthError> {
        let store = Arc::new(Counting::default());
        let cache = CachedApiKeyStore::new(Arc::clone(&store), KeyCacheSettings::default());
        let record = key();
        assert_eq!(cache.find_by_prefix(&record.prefix).await?, None);
        // Created meanwhile (on another instance): found at once.
        store.keys.insert(record.clone());
        assert_eq!(cache.find_by_prefix(&record.prefix).await?, Some(record));
        assert_eq!(store.reads.load(Ordering::Relaxed), 2);
        Ok(())
    }

    #[tokio::test]
    async fn records_use_once_per_interval_and_stays_bounded() -> Result<(), AuthError> {
        let store = Arc::new(Counting::default());
        let settings = KeyCacheSettings {
            capacity: 4,
            ..KeyCacheSettings::default()
        };
        let cache = CachedApiKeyStore::new(Arc::clone(&store), settings);
        let record = key();
        for _ in 0..100 {
            cache.touch(record.uuid, SystemTime::now()).await?;
        }
        assert_eq!(store.touches.load(Ordering::Relaxed), 1);
        for _ in 0..20 {
            let record = key();
            store.keys.insert(record.clone());
            cache.find_by_prefix(&record.prefix).await?;
            cache.touch(record.uuid, SystemTime::now()).await?;
        }
        let entries = cache.lock();
        assert!(entries.by_prefix.len() <= 4 && entries.by_uuid.len() <= 4);
        assert!(entries.touched.len() <= 4);
        Ok(())
    }
}
