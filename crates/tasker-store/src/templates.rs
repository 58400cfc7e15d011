//! Template versions: immutable once registered.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use sqlx::Row;
use tasker_core::template::Template;

use crate::model::TemplateRecord;
use crate::{Store, StoreError, now_us};

fn record(row: &sqlx::any::AnyRow) -> Result<TemplateRecord, StoreError> {
    let definition: String = row.try_get("definition")?;
    Ok(TemplateRecord {
        template: serde_json::from_str(&definition)?,
        content_hash: row.try_get("content_hash")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// The body of [`Store::register_template`], which runs it detached (`writes.rs`).
    pub(crate) async fn register_template_inner(
        &self,
        template: &Template,
    ) -> Result<(TemplateRecord, bool), StoreError> {
        let hash = template.content_hash();
        let now = now_us();
        let mut tx = self.writer.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO templates (namespace, name, version, content_hash, definition, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (namespace, name, version) DO NOTHING",
        )
        .bind(&template.namespace)
        .bind(&template.name)
        .bind(&template.version)
        .bind(&hash)
        .bind(serde_json::to_string(template)?)
        .bind(now)
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        // The newest version of this template may have changed.
        self.templates
            .forget_newest(&template.namespace, &template.name);
        let existing = self
            .read_template(&template.namespace, &template.name, &template.version)
            .await?
            .ok_or_else(|| StoreError::not_found("template", ""))?;
        if inserted.rows_affected() == 0 && existing.content_hash != hash {
            return Err(StoreError::KeyTaken(format!(
                "template {}/{}/{} is already registered with different content; register a new version",
                template.namespace, template.name, template.version
            )));
        }
        Ok((existing, inserted.rows_affected() == 1))
    }

    /// One template version, or the newest version when `version` is empty
    /// (newest = most recently registered).
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn get_template(
        &self,
        namespace: &str,
        name: &str,
        version: &str,
    ) -> Result<Option<TemplateRecord>, StoreError> {
        if let Some(record) = self.templates.get(namespace, name, version) {
            return Ok(Some(record));
        }
        let record = self.read_template(namespace, name, version).await?;
        if let Some(record) = &record {
            self.templates.put(namespace, name, version, record);
        }
        Ok(record)
    }

    async fn read_template(
        &self,
        namespace: &str,
        name: &str,
        version: &str,
    ) -> Result<Option<TemplateRecord>, StoreError> {
        let row = if version.is_empty() {
            sqlx::query(
                "SELECT definition, content_hash, created_at FROM templates WHERE namespace = $1 AND name = $2 \
                 ORDER BY created_at DESC, version DESC LIMIT 1",
            )
            .bind(namespace)
            .bind(name)
            .fetch_optional(self.read.get())
            .await?
        } else {
            sqlx::query(
                "SELECT definition, content_hash, created_at FROM templates WHERE namespace = $1 AND name = $2 AND version = $3",
            )
            .bind(namespace)
            .bind(name)
            .bind(version)
            .fetch_optional(self.read.get())
            .await?
        };
        row.as_ref().map(record).transpose()
    }

    /// Templates in the namespaces of `scope`, ordered by namespace, name,
    /// version, after the given key.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn list_templates(
        &self,
        namespace: Option<&str>,
        name: Option<&str>,
        scope: &tasker_core::NamespaceScope,
        after: Option<(String, String, String)>,
        limit: i64,
    ) -> Result<Vec<TemplateRecord>, StoreError> {
        let (an, am, av) = after.unwrap_or_default();
        let scope = crate::scope::ScopeFilter::new(scope, "namespace", 7);
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT definition, content_hash, created_at FROM templates \
             WHERE ($1 = '' OR namespace = $1) AND ($2 = '' OR name = $2) \
             AND (namespace > $3 OR (namespace = $3 AND (name > $4 OR (name = $4 AND version > $5)))) \
             AND {} ORDER BY namespace, name, version LIMIT $6",
            scope.sql()
        )))
        .bind(namespace.unwrap_or(""))
        .bind(name.unwrap_or(""))
        .bind(an)
        .bind(am)
        .bind(av)
        .bind(limit);
        let rows = scope.bind(query).fetch_all(self.read.get()).await?;
        rows.iter().map(record).collect()
    }
}

/// Template versions read recently. A version's content never changes (a
/// different content under the same version is refused), so an exact
/// version is kept until the cache is full; "the newest version" is kept for
/// [`NEWEST_TTL`] — a version registered on another server is used within
/// that bound, one registered through this store at once.
#[derive(Debug, Default)]
pub(crate) struct TemplateCache {
    entries: Mutex<Entries>,
}

/// (namespace, name, version; empty for the newest) → when read, what.
type Entries = HashMap<(String, String, String), (Instant, TemplateRecord)>;

/// How long the newest version of a template is used before it is read again.
const NEWEST_TTL: Duration = Duration::from_secs(1);
/// Most template versions kept; when full, the cache starts over.
const MAX_TEMPLATES: usize = 1024;

impl TemplateCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, namespace: &str, name: &str, version: &str) -> Option<TemplateRecord> {
        let key = (namespace.to_owned(), name.to_owned(), version.to_owned());
        self.lock()
            .get(&key)
            .filter(|(at, _)| !version.is_empty() || at.elapsed() < NEWEST_TTL)
            .map(|(_, record)| record.clone())
    }

    fn put(&self, namespace: &str, name: &str, version: &str, record: &TemplateRecord) {
        let mut entries = self.lock();
        if entries.len() >= MAX_TEMPLATES {
            entries.clear();
        }
        let key = (namespace.to_owned(), name.to_owned(), version.to_owned());
        entries.insert(key, (Instant::now(), record.clone()));
    }

    fn forget_newest(&self, namespace: &str, name: &str) {
        let key = (namespace.to_owned(), name.to_owned(), String::new());
        self.lock().remove(&key);
    }
}
