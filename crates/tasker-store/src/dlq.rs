//! Dead-letter entries: opened when a task is blocked, listed and read by
//! operators.

use serde_json::{Map, Value, json};
use sqlx::Row;
use tasker_core::new_uuid;

use tasker_core::NamespaceScope;

use crate::engine::{Tx, load_steps};
use crate::model::DlqRecord;
use crate::scope::ScopeFilter;
use crate::{Store, StoreError, now_us};

const COLUMNS: &str = "dlq_entry_uuid, task_uuid, namespace, name, version, original_state, reason, resolution_status, \
     resolution_notes, resolved_by, metadata, task_snapshot, step_uuid, priority, created_at, updated_at, resolved_at";

fn record(row: &sqlx::any::AnyRow) -> Result<DlqRecord, StoreError> {
    let state: String = row.try_get("original_state")?;
    Ok(DlqRecord {
        dlq_entry_uuid: row.try_get("dlq_entry_uuid")?,
        task_uuid: row.try_get("task_uuid")?,
        namespace: row.try_get("namespace")?,
        name: row.try_get("name")?,
        version: row.try_get("version")?,
        original_state: state.parse()?,
        reason: row.try_get("reason")?,
        resolution_status: row.try_get("resolution_status")?,
        resolution_notes: row.try_get("resolution_notes")?,
        resolved_by: row.try_get("resolved_by")?,
        metadata: crate::engine::json_object(&row.try_get::<String, _>("metadata")?)?,
        task_snapshot: crate::engine::json_object(&row.try_get::<String, _>("task_snapshot")?)?,
        step_uuid: row.try_get("step_uuid")?,
        priority: row.try_get("priority")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        resolved_at: row.try_get("resolved_at")?,
    })
}

/// Opens a pending entry for `task_uuid` unless one is already pending.
pub(crate) async fn open_entry(
    tx: &mut Tx,
    task_uuid: &str,
    reason: &str,
    step_uuid: Option<&str>,
) -> Result<(), StoreError> {
    let pending: Option<String> = sqlx::query_scalar(
        "SELECT dlq_entry_uuid FROM dlq_entries WHERE task_uuid = $1 AND resolution_status = 'pending'",
    )
    .bind(task_uuid)
    .fetch_optional(tx.conn())
    .await?;
    if pending.is_some() {
        return Ok(());
    }
    let task = sqlx::query(
        "SELECT namespace, name, version, state, priority FROM tasks WHERE task_uuid = $1",
    )
    .bind(task_uuid)
    .fetch_one(tx.conn())
    .await?;
    let steps = load_steps(tx, task_uuid).await?;
    let snapshot = json!({
        "taskUuid": task_uuid,
        "state": task.try_get::<String, _>("state")?,
        "steps": steps.iter().map(|s| json!({
            "stepUuid": s.step_uuid,
            "name": s.name,
            "state": s.state.as_str(),
            "attempts": s.attempts,
            "lastError": s.last_error.as_ref().map(|e| e.message.clone()),
        })).collect::<Vec<_>>(),
    });
    let now = now_us();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO dlq_entries ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', '', '', '{{}}', $8, $9, $10, $11, $11, NULL)"
    )))
    .bind(new_uuid().to_string())
    .bind(task_uuid)
    .bind(task.try_get::<String, _>("namespace")?)
    .bind(task.try_get::<String, _>("name")?)
    .bind(task.try_get::<String, _>("version")?)
    .bind(task.try_get::<String, _>("state")?)
    .bind(reason)
    .bind(snapshot.to_string())
    .bind(step_uuid)
    .bind(task.try_get::<i64, _>("priority")?)
    .bind(now)
    .execute(tx.conn())
    .await?;
    Ok(())
}

impl Store {
    /// Entries, newest first, filtered by status and reason, in the
    /// namespaces of `scope` only.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn list_dlq_entries(
        &self,
        status: Option<&str>,
        reason: Option<&str>,
        scope: &NamespaceScope,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<DlqRecord>, StoreError> {
        let scope = ScopeFilter::new(scope, "namespace", 5);
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM dlq_entries WHERE ($1 = '' OR resolution_status = $1) AND ($2 = '' OR reason = $2) \
             AND ($3 = '' OR dlq_entry_uuid < $3) AND {} ORDER BY dlq_entry_uuid DESC LIMIT $4",
            scope.sql()
        )))
        .bind(status.unwrap_or(""))
        .bind(reason.unwrap_or(""))
        .bind(after.unwrap_or(""))
        .bind(limit);
        let rows = scope.bind(query).fetch_all(self.read.get()).await?;
        rows.iter().map(record).collect()
    }

    /// The namespace of a dead-letter entry, or `None` when there is no such
    /// entry.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn dlq_entry_namespace(
        &self,
        dlq_entry_uuid: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT namespace FROM dlq_entries WHERE dlq_entry_uuid = $1")
                .bind(dlq_entry_uuid)
                .fetch_optional(self.read.get())
                .await?,
        )
    }

    /// The most recent entry of a task.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn dlq_entry_for_task(
        &self,
        task_uuid: &str,
    ) -> Result<Option<DlqRecord>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM dlq_entries WHERE task_uuid = $1 ORDER BY dlq_entry_uuid DESC LIMIT 1"
        )))
        .bind(task_uuid)
        .fetch_optional(self.read.get())
        .await?;
        row.as_ref().map(record).transpose()
    }

    /// The body of [`Store::update_dlq_entry`], which runs it detached (`writes.rs`).
    pub(crate) async fn update_dlq_entry_inner(
        &self,
        dlq_entry_uuid: &str,
        status: Option<&str>,
        notes: Option<&str>,
        metadata: Option<&Map<String, Value>>,
        performed_by: &str,
    ) -> Result<DlqRecord, StoreError> {
        let now = now_us();
        let resolved = status.filter(|s| *s != "pending");
        let mut tx = self.writer.begin().await?;
        let updated = sqlx::query(
            "UPDATE dlq_entries SET resolution_status = COALESCE($1, resolution_status), \
             resolution_notes = COALESCE($2, resolution_notes), metadata = COALESCE($3, metadata), updated_at = $4, \
             resolved_by = CASE WHEN $5 = '' THEN resolved_by ELSE $6 END, \
             resolved_at = CASE WHEN $5 = '' THEN resolved_at ELSE $4 END WHERE dlq_entry_uuid = $7",
        )
        .bind(status)
        .bind(notes)
        .bind(metadata.map(|m| Value::Object(m.clone()).to_string()))
        .bind(now)
        .bind(resolved.unwrap_or(""))
        .bind(performed_by)
        .bind(dlq_entry_uuid)
        .execute(tx.conn())
        .await?;
        if updated.rows_affected() == 0 {
            tx.rollback().await?;
            return Err(StoreError::not_found("dead-letter entry", dlq_entry_uuid));
        }
        tx.commit().await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM dlq_entries WHERE dlq_entry_uuid = $1"
        )))
        .bind(dlq_entry_uuid)
        .fetch_one(self.read.get())
        .await?;
        record(&row)
    }
}

/// Entry counts of one reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DlqReasonStats {
    /// The reason.
    pub reason: String,
    /// All entries.
    pub total: i64,
    /// Pending entries.
    pub pending: i64,
    /// Manually resolved entries.
    pub manually_resolved: i64,
    /// Permanently failed entries.
    pub permanently_failed: i64,
    /// Cancelled entries.
    pub cancelled: i64,
    /// Sum of (resolved_at - created_at) over resolved entries (µs).
    pub resolution_us_sum: i64,
    /// Resolved entries counted in the sum.
    pub resolved: i64,
    /// Oldest pending entry (µs).
    pub oldest_pending_at: Option<i64>,
}

/// An active task's time in its current state.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveTask {
    /// The task.
    pub task_uuid: String,
    /// Template namespace.
    pub namespace: String,
    /// Template name.
    pub name: String,
    /// Template version.
    pub version: String,
    /// Current state.
    pub state: tasker_core::TaskState,
    /// When the state was entered (µs).
    pub state_entered_at: i64,
    /// Task priority.
    pub priority: i64,
    /// The template's staleness overrides.
    pub overrides: tasker_core::staleness::StalenessOverrides,
}

impl Store {
    /// Entry statistics by reason, for entries opened at or after `since`
    /// in the namespaces of `scope`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn dlq_stats(
        &self,
        since: i64,
        scope: &NamespaceScope,
    ) -> Result<Vec<DlqReasonStats>, StoreError> {
        let scope = ScopeFilter::new(scope, "namespace", 2);
        // PostgreSQL sums BIGINTs into NUMERIC: cast back, on both backends.
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT reason, resolution_status, CAST(COUNT(*) AS BIGINT) AS n, \
             CAST(COALESCE(SUM(CASE WHEN resolved_at IS NULL THEN 0 ELSE resolved_at - created_at END), 0) AS BIGINT) AS resolution_sum, \
             MIN(CASE WHEN resolution_status = 'pending' THEN created_at END) AS oldest \
             FROM dlq_entries WHERE created_at >= $1 AND {} GROUP BY reason, resolution_status ORDER BY reason",
            scope.sql()
        )))
        .bind(since);
        let rows = scope.bind(query).fetch_all(self.read.get()).await?;
        let mut stats: Vec<DlqReasonStats> = Vec::new();
        for row in &rows {
            let reason: String = row.try_get("reason")?;
            let status: String = row.try_get("resolution_status")?;
            let n: i64 = row.try_get("n")?;
            let sum: i64 = row.try_get("resolution_sum")?;
            let oldest: Option<i64> = row.try_get("oldest")?;
            let entry = match stats.iter_mut().position(|s| s.reason == reason) {
                Some(i) => &mut stats[i],
                None => {
                    stats.push(DlqReasonStats {
                        reason: reason.clone(),
                        ..DlqReasonStats::default()
                    });
                    let last = stats.len() - 1;
                    &mut stats[last]
                }
            };
            entry.total += n;
            match status.as_str() {
                "pending" => {
                    entry.pending += n;
                    entry.oldest_pending_at = oldest;
                }
                "manually_resolved" => entry.manually_resolved += n,
                "permanently_failed" => entry.permanently_failed += n,
                _ => entry.cancelled += n,
            }
            if status != "pending" {
                entry.resolution_us_sum += sum;
                entry.resolved += n;
            }
        }
        Ok(stats)
    }

    /// Every pending entry (at most `limit`) in the namespaces of `scope`,
    /// oldest first.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn pending_dlq_entries(
        &self,
        limit: i64,
        scope: &NamespaceScope,
    ) -> Result<Vec<DlqRecord>, StoreError> {
        let scope = ScopeFilter::new(scope, "namespace", 2);
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM dlq_entries WHERE resolution_status = 'pending' AND {} \
             ORDER BY dlq_entry_uuid LIMIT $1",
            scope.sql()
        )))
        .bind(limit);
        let rows = scope.bind(query).fetch_all(self.read.get()).await?;
        rows.iter().map(record).collect()
    }

    /// Tasks not in a final state in the namespaces of `scope`, longest in
    /// their state first (at most `limit`).
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn active_tasks(
        &self,
        limit: i64,
        scope: &NamespaceScope,
    ) -> Result<Vec<ActiveTask>, StoreError> {
        let scope = ScopeFilter::new(scope, "t.namespace", 2);
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT t.task_uuid, t.namespace, t.name, t.version, t.state, t.state_entered_at, t.priority, tp.definition \
             FROM tasks t LEFT JOIN templates tp ON tp.namespace = t.namespace AND tp.name = t.name AND tp.version = t.version \
             WHERE t.state NOT IN ('complete', 'error', 'cancelled', 'resolved_manually') AND {} \
             ORDER BY t.state_entered_at LIMIT $1",
            scope.sql()
        )))
        .bind(limit);
        let rows = scope.bind(query).fetch_all(self.read.get()).await?;
        rows.iter()
            .map(|row| {
                let state: String = row.try_get("state")?;
                let definition: Option<String> = row.try_get("definition")?;
                let overrides = definition
                    .as_deref()
                    .and_then(|d| serde_json::from_str::<tasker_core::template::Template>(d).ok())
                    .map(|t| t.staleness)
                    .unwrap_or_default();
                Ok(ActiveTask {
                    task_uuid: row.try_get("task_uuid")?,
                    namespace: row.try_get("namespace")?,
                    name: row.try_get("name")?,
                    version: row.try_get("version")?,
                    state: state.parse()?,
                    state_entered_at: row.try_get("state_entered_at")?,
                    priority: row.try_get("priority")?,
                    overrides,
                })
            })
            .collect()
    }

    /// The body of [`Store::open_staleness_entry`], which runs it detached (`writes.rs`).
    pub(crate) async fn open_staleness_entry_inner(
        &self,
        task_uuid: &str,
        state: tasker_core::TaskState,
    ) -> Result<bool, StoreError> {
        let mut tx = self.writer.begin().await?;
        let current = crate::engine::task_state(&mut tx, task_uuid).await?;
        if current != state {
            return Ok(false);
        }
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dlq_entries WHERE task_uuid = $1 AND resolution_status = 'pending'")
            .bind(task_uuid)
            .fetch_one(tx.conn())
            .await?;
        if before > 0 {
            return Ok(false);
        }
        open_entry(&mut tx, task_uuid, "staleness_timeout", None).await?;
        tx.commit().await?;
        Ok(true)
    }
}
