//! Dead-letter entries: opened when a task is blocked, listed and read by
//! operators.

use serde_json::{Map, Value, json};
use sqlx::Row;
use tasker_core::new_uuid;

use crate::engine::{Tx, load_steps};
use crate::model::DlqRecord;
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
    .fetch_optional(&mut **tx)
    .await?;
    if pending.is_some() {
        return Ok(());
    }
    let task = sqlx::query(
        "SELECT namespace, name, version, state, priority FROM tasks WHERE task_uuid = $1",
    )
    .bind(task_uuid)
    .fetch_one(&mut **tx)
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
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Entries, newest first, filtered by status, reason and namespace.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn list_dlq_entries(
        &self,
        status: Option<&str>,
        reason: Option<&str>,
        namespace: Option<&str>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<DlqRecord>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM dlq_entries WHERE ($1 = '' OR resolution_status = $1) AND ($2 = '' OR reason = $2) \
             AND ($3 = '' OR namespace = $3) AND ($4 = '' OR dlq_entry_uuid < $4) ORDER BY dlq_entry_uuid DESC LIMIT $5"
        )))
        .bind(status.unwrap_or(""))
        .bind(reason.unwrap_or(""))
        .bind(namespace.unwrap_or(""))
        .bind(after.unwrap_or(""))
        .bind(limit)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(record).collect()
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
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(record).transpose()
    }

    /// Updates an entry's investigation fields; leaving `pending` records who
    /// and when.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown entry.
    pub async fn update_dlq_entry(
        &self,
        dlq_entry_uuid: &str,
        status: Option<&str>,
        notes: Option<&str>,
        metadata: Option<&Map<String, Value>>,
        performed_by: &str,
    ) -> Result<DlqRecord, StoreError> {
        let now = now_us();
        let resolved = status.filter(|s| *s != "pending");
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
        .execute(&self.write)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!(
                "dead-letter entry {dlq_entry_uuid}"
            )));
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM dlq_entries WHERE dlq_entry_uuid = $1"
        )))
        .bind(dlq_entry_uuid)
        .fetch_one(&self.read)
        .await?;
        record(&row)
    }
}
