//! API keys as stored: public prefix, SHA-256 hash, permissions, namespaces,
//! expiry and revocation. The key itself is never stored.

use sqlx::Row;

use crate::model::ApiKeyRecord;
use crate::{Backend, Store, StoreError};

const COLUMNS: &str = "api_key_uuid, name, prefix, key_hash, permissions, namespaces, created_by, \
     created_at, expires_at, revoked_at, last_used_at";

/// `last_used_at` is written at most this often per key (microseconds).
const TOUCH_GRANULARITY_US: i64 = 60_000_000;

fn record(row: &sqlx::any::AnyRow) -> Result<ApiKeyRecord, StoreError> {
    Ok(ApiKeyRecord {
        api_key_uuid: row.try_get("api_key_uuid")?,
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        key_hash: row.try_get("key_hash")?,
        permissions: serde_json::from_str(&row.try_get::<String, _>("permissions")?)?,
        namespaces: serde_json::from_str(&row.try_get::<String, _>("namespaces")?)?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        revoked_at: row.try_get("revoked_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

/// Inserts `key` in `tx`; [`StoreError::KeyTaken`] when its prefix is taken.
async fn insert(tx: &mut crate::writer::WriteTx, key: &ApiKeyRecord) -> Result<(), StoreError> {
    let inserted = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO api_keys ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (prefix) DO NOTHING"
    )))
    .bind(&key.api_key_uuid)
    .bind(&key.name)
    .bind(&key.prefix)
    .bind(&key.key_hash)
    .bind(serde_json::to_string(&key.permissions)?)
    .bind(serde_json::to_string(&key.namespaces)?)
    .bind(&key.created_by)
    .bind(key.created_at)
    .bind(key.expires_at)
    .bind(key.revoked_at)
    .bind(key.last_used_at)
    .execute(tx.conn())
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(StoreError::KeyTaken(format!(
            "API key prefix {} is taken",
            key.prefix
        )));
    }
    Ok(())
}

impl Store {
    /// The body of [`Store::insert_api_key`], which runs it detached (`writes.rs`).
    pub(crate) async fn insert_api_key_inner(&self, key: &ApiKeyRecord) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        insert(&mut tx, key).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The body of [`Store::insert_first_api_key`], which runs it detached (`writes.rs`).
    pub(crate) async fn insert_first_api_key_inner(
        &self,
        key: &ApiKeyRecord,
    ) -> Result<bool, StoreError> {
        let mut tx = self.writer.begin().await?;
        if self.backend == Backend::Postgres {
            // Self-conflicting: a second instance waits here until the first
            // commits, then sees its key. SQLite's write transactions are
            // already serialised (one writer).
            sqlx::query("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE")
                .execute(tx.conn())
                .await?;
        }
        let row = sqlx::query("SELECT COUNT(*) AS n FROM api_keys")
            .fetch_one(tx.conn())
            .await?;
        if row.try_get::<i64, _>("n")? > 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        insert(&mut tx, key).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The key with this public prefix, active or not.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn api_key_by_prefix(
        &self,
        prefix: &str,
    ) -> Result<Option<ApiKeyRecord>, StoreError> {
        self.api_key_where("prefix", prefix).await
    }

    /// The key with this identifier, active or not.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn get_api_key(
        &self,
        api_key_uuid: &str,
    ) -> Result<Option<ApiKeyRecord>, StoreError> {
        self.api_key_where("api_key_uuid", api_key_uuid).await
    }

    /// The key whose unique `column` is `value`.
    async fn api_key_where(
        &self,
        column: &'static str,
        value: &str,
    ) -> Result<Option<ApiKeyRecord>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM api_keys WHERE {column} = $1"
        )))
        .bind(value)
        .fetch_optional(self.read.get())
        .await?;
        row.as_ref().map(record).transpose()
    }

    /// How many keys exist (active or not).
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn count_api_keys(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM api_keys")
            .fetch_one(self.read.get())
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Keys newest first, before the key `before` (a uuid; UUIDv7 order is
    /// creation order). Inactive keys (revoked, or expired at `now`) only
    /// when `include_inactive`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn list_api_keys(
        &self,
        include_inactive: bool,
        now: i64,
        before: Option<&str>,
        limit: i64,
    ) -> Result<Vec<ApiKeyRecord>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM api_keys \
             WHERE ($1 = 1 OR (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2))) \
             AND ($3 = '' OR api_key_uuid < $3) \
             ORDER BY api_key_uuid DESC LIMIT $4"
        )))
        .bind(i64::from(include_inactive))
        .bind(now)
        .bind(before.unwrap_or(""))
        .bind(limit)
        .fetch_all(self.read.get())
        .await?;
        rows.iter().map(record).collect()
    }

    /// The body of [`Store::revoke_api_key`], which runs it detached (`writes.rs`).
    pub(crate) async fn revoke_api_key_inner(
        &self,
        api_key_uuid: &str,
        now: i64,
    ) -> Result<ApiKeyRecord, StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "UPDATE api_keys SET revoked_at = $1 WHERE api_key_uuid = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(api_key_uuid)
        .execute(tx.conn())
        .await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM api_keys WHERE api_key_uuid = $1"
        )))
        .bind(api_key_uuid)
        .fetch_optional(tx.conn())
        .await?;
        tx.commit().await?;
        match row {
            Some(row) => record(&row),
            None => Err(StoreError::not_found("API key", api_key_uuid)),
        }
    }

    /// The body of [`Store::revoke_api_key_unless_last`], which runs it
    /// detached (`writes.rs`).
    pub(crate) async fn revoke_api_key_unless_last_inner(
        &self,
        api_key_uuid: &str,
        now: i64,
        is_admin: &(dyn Fn(&ApiKeyRecord) -> bool + Send + Sync),
    ) -> Result<ApiKeyRecord, StoreError> {
        let mut tx = self.writer.begin().await?;
        if self.backend == Backend::Postgres {
            // Self-conflicting: two revocations of the last two admin keys
            // run one after the other, and the second sees the first.
            sqlx::query("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE")
                .execute(tx.conn())
                .await?;
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM api_keys WHERE api_key_uuid = $1"
        )))
        .bind(api_key_uuid)
        .fetch_optional(tx.conn())
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Err(StoreError::not_found("API key", api_key_uuid));
        };
        let target = record(&row)?;
        let active = |key: &ApiKeyRecord| {
            key.revoked_at.is_none() && key.expires_at.is_none_or(|at| at > now)
        };
        if !active(&target) {
            // Already revoked (its first revocation time is kept) or expired.
            if target.revoked_at.is_none() {
                sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE api_key_uuid = $2")
                    .bind(now)
                    .bind(api_key_uuid)
                    .execute(tx.conn())
                    .await?;
                tx.commit().await?;
                return Ok(ApiKeyRecord {
                    revoked_at: Some(now),
                    ..target
                });
            }
            tx.rollback().await?;
            return Ok(target);
        }
        if is_admin(&target) {
            let others = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM api_keys WHERE revoked_at IS NULL \
                 AND (expires_at IS NULL OR expires_at > $1) AND api_key_uuid <> $2"
            )))
            .bind(now)
            .bind(api_key_uuid)
            .fetch_all(tx.conn())
            .await?;
            let mut admins = 0;
            for other in &others {
                if is_admin(&record(other)?) {
                    admins += 1;
                }
            }
            if admins == 0 {
                tx.rollback().await?;
                return Err(StoreError::StateConflict(format!(
                    "API key {api_key_uuid} is the last active key that can manage every key; \
                     create another one before revoking it"
                )));
            }
        }
        sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE api_key_uuid = $2")
            .bind(now)
            .bind(api_key_uuid)
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(ApiKeyRecord {
            revoked_at: Some(now),
            ..target
        })
    }

    /// The body of [`Store::touch_api_key`], which runs it detached (`writes.rs`).
    pub(crate) async fn touch_api_key_inner(
        &self,
        api_key_uuid: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        // Usage bookkeeping: relaxed (losing the latest touch loses nothing).
        let mut tx = self.writer.begin_relaxed().await?;
        sqlx::query(
            "UPDATE api_keys SET last_used_at = $1 WHERE api_key_uuid = $2 \
             AND (last_used_at IS NULL OR last_used_at < $3)",
        )
        .bind(now)
        .bind(api_key_uuid)
        .bind(now - TOUCH_GRANULARITY_US)
        .execute(tx.conn())
        .await?;
        tx.commit().await
    }
}
