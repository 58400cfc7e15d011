//! Tasks: creation (task, steps and first transitions in one transaction),
//! reads, keyset listing and cancellation.

use std::collections::HashMap;

use serde_json::{Map, Value};
use sqlx::Row;
use tasker_core::machine::{StepEvent, TaskEvent};
use tasker_core::{StepCounts, StepState, TaskState, new_uuid};

use crate::engine::{
    STEP_COLUMNS, StepChange, TASK_COLUMNS, Tx, insert_step_transition, insert_task_transition,
    reevaluate, step_from_row, step_transition, task_from_row, task_transition,
};
use crate::model::{
    NewTask, StepRecord, StepTransitionRecord, TaskFilter, TaskRecord, TemplateRecord,
};
use crate::{Store, StoreError, now_us};

/// The identity used for idempotency: the key, scoped by namespace. Only an
/// explicit key deduplicates; without one the task's own uuid stands in, so
/// the same template and context may run any number of times.
fn identity(task: &NewTask, task_uuid: &str) -> String {
    if task.idempotency_key.is_empty() {
        format!("task:{task_uuid}")
    } else {
        format!("key:{}:{}", task.namespace, task.idempotency_key)
    }
}

impl Store {
    /// The body of [`Store::create_task`], which runs it detached (`writes.rs`).
    pub(crate) async fn create_task_inner(
        &self,
        task: &NewTask,
        template: &TemplateRecord,
    ) -> Result<TaskRecord, StoreError> {
        let template = &template.template;
        let task_uuid = new_uuid().to_string();
        let identity = identity(task, &task_uuid);
        let now = now_us();
        let mut tx = self.writer.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO tasks (task_uuid, namespace, name, version, state, context, correlation_id, parent_correlation_id, \
             initiator, source_system, reason, priority, tags, idempotency_key, identity_hash, created_by, created_at, \
             updated_at, state_entered_at, completed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $17, NULL) \
             ON CONFLICT (identity_hash) DO NOTHING",
        )
        .bind(&task_uuid)
        .bind(&template.namespace)
        .bind(&template.name)
        .bind(&template.version)
        .bind(TaskState::Pending.as_str())
        .bind(Value::Object(task.context.clone()).to_string())
        .bind(&task.correlation_id)
        .bind(&task.parent_correlation_id)
        .bind(&task.initiator)
        .bind(&task.source_system)
        .bind(&task.reason)
        .bind(task.priority)
        .bind(serde_json::to_string(&task.tags)?)
        .bind(&task.idempotency_key)
        .bind(&identity)
        .bind(&task.created_by)
        .bind(now)
        .execute(tx.conn())
        .await?;
        if inserted.rows_affected() == 0 {
            // Read inside the write: on SQLite the other task may be in the
            // same not-yet-committed batch.
            let existing: Option<String> =
                sqlx::query_scalar("SELECT task_uuid FROM tasks WHERE identity_hash = $1")
                    .bind(&identity)
                    .fetch_optional(tx.conn())
                    .await?;
            tx.rollback().await?;
            return Err(StoreError::AlreadyExists {
                existing: existing.unwrap_or_default(),
            });
        }
        insert_task_transition(
            &mut tx,
            &task_uuid,
            None,
            TaskState::Pending,
            "create",
            &task.created_by,
            &task.reason,
            now,
        )
        .await?;
        for tag in &task.tags {
            sqlx::query(
                "INSERT INTO task_tags (tag, task_uuid) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(tag)
            .bind(&task_uuid)
            .execute(tx.conn())
            .await?;
        }
        for (position, definition) in template.steps.iter().enumerate() {
            let step = StepRecord {
                step_uuid: new_uuid().to_string(),
                task_uuid: task_uuid.clone(),
                position: i64::try_from(position).unwrap_or(i64::MAX),
                name: definition.name.clone(),
                handler: definition.handler.clone(),
                namespace: template.namespace.clone(),
                state: StepState::Pending,
                depends_on: definition.depends_on.clone(),
                attempts: 0,
                max_attempts: i64::from(definition.retry.max_attempts),
                retry: definition.retry,
                timeout_ms: i64::try_from(definition.timeout.as_millis()).unwrap_or(i64::MAX),
                handler_config: definition.handler_config.clone(),
                results: None,
                last_error: None,
                next_retry_at: None,
                claim_uuid: None,
                worker_uuid: None,
                lease_expires_at: None,
                created_at: now,
                updated_at: now,
                last_attempted_at: None,
                completed_at: None,
            };
            sqlx::query(
                "INSERT INTO steps (step_uuid, task_uuid, position, name, handler, namespace, priority, state, depends_on, \
                 attempts, max_attempts, retry_policy, timeout_ms, handler_config, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $13, $14, $14)",
            )
            .bind(&step.step_uuid)
            .bind(&task_uuid)
            .bind(step.position)
            .bind(&step.name)
            .bind(&step.handler)
            .bind(&step.namespace)
            .bind(task.priority)
            .bind(StepState::Pending.as_str())
            .bind(serde_json::to_string(&step.depends_on)?)
            .bind(step.max_attempts)
            .bind(serde_json::to_string(&step.retry)?)
            .bind(step.timeout_ms)
            .bind(Value::Object(step.handler_config.clone()).to_string())
            .bind(now)
            .execute(tx.conn())
            .await?;
            let change = StepChange {
                performed_by: &task.created_by,
                reason: "created",
                ..StepChange::default()
            };
            insert_step_transition(
                &mut tx,
                &step,
                None,
                StepState::Pending,
                "create",
                &change,
                now,
            )
            .await?;
        }
        // pending → initializing → enqueuing_steps, then steps are enqueued
        // and the task settles in steps_in_process.
        let state = task_transition(
            &mut tx,
            &task_uuid,
            TaskState::Pending,
            TaskEvent::Start,
            "system",
            "",
        )
        .await?;
        let state = task_transition(
            &mut tx,
            &task_uuid,
            state,
            TaskEvent::ReadyStepsFound,
            "system",
            "",
        )
        .await?;
        let mut steps = crate::engine::load_steps(&mut tx, &task_uuid).await?;
        for step in steps.iter_mut().filter(|s| s.depends_on.is_empty()) {
            let change = StepChange {
                performed_by: "system",
                reason: "no dependencies",
                ..StepChange::default()
            };
            step_transition(&mut tx, step, StepEvent::Enqueue, &change).await?;
        }
        task_transition(
            &mut tx,
            &task_uuid,
            state,
            TaskEvent::StepsEnqueued,
            "system",
            "",
        )
        .await?;
        tx.commit().await?;
        self.announce([task_uuid.clone()], true);
        self.get_task(&task_uuid)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("task {task_uuid}")))
    }

    /// One task with its step counts.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn get_task(&self, task_uuid: &str) -> Result<Option<TaskRecord>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE task_uuid = $1"
        )))
        .bind(task_uuid)
        .fetch_optional(self.read.get())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let counts = self.step_counts(&[task_uuid.to_owned()]).await?;
        Ok(Some(task_from_row(
            &row,
            counts.get(task_uuid).copied().unwrap_or_default(),
        )?))
    }

    /// The namespace of a task, or `None` when there is no such task: the
    /// cheap lookup behind single-object scope checks.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn task_namespace(&self, task_uuid: &str) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT namespace FROM tasks WHERE task_uuid = $1")
                .bind(task_uuid)
                .fetch_optional(self.read.get())
                .await?,
        )
    }

    async fn step_counts(
        &self,
        tasks: &[String],
    ) -> Result<HashMap<String, StepCounts>, StoreError> {
        let mut counts: HashMap<String, StepCounts> = HashMap::new();
        if tasks.is_empty() {
            return Ok(counts);
        }
        let placeholders = (1..=tasks.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT task_uuid, state FROM steps WHERE task_uuid IN ({placeholders})");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for task in tasks {
            query = query.bind(task);
        }
        for row in query.fetch_all(self.read.get()).await? {
            let task: String = row.try_get("task_uuid")?;
            let state: String = row.try_get("state")?;
            counts.entry(task).or_default().add(state.parse()?);
        }
        Ok(counts)
    }

    /// Tasks matching `filter`, newest first, after `filter.after`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn list_tasks(&self, filter: &TaskFilter) -> Result<Vec<TaskRecord>, StoreError> {
        let mut clauses = Vec::new();
        let mut binds: Vec<BindValue> = Vec::new();
        let next = |value: BindValue, binds: &mut Vec<BindValue>| {
            binds.push(value);
            format!("${}", binds.len())
        };
        if let Some(namespace) = &filter.namespace {
            clauses.push(format!(
                "namespace = {}",
                next(BindValue::Text(namespace.clone()), &mut binds)
            ));
        }
        if !filter.scope.is_all() {
            let scope = crate::scope::ScopeFilter::new(&filter.scope, "namespace", binds.len() + 1);
            binds.extend(scope.values().iter().cloned().map(BindValue::Text));
            clauses.push(scope.sql().to_owned());
        }
        if let Some(name) = &filter.name {
            clauses.push(format!(
                "name = {}",
                next(BindValue::Text(name.clone()), &mut binds)
            ));
        }
        if !filter.states.is_empty() {
            let list: Vec<String> = filter
                .states
                .iter()
                .map(|s| next(BindValue::Text(s.as_str().to_owned()), &mut binds))
                .collect();
            clauses.push(format!("state IN ({})", list.join(", ")));
        }
        if let Some(after) = filter.created_after {
            clauses.push(format!(
                "created_at >= {}",
                next(BindValue::Int(after), &mut binds)
            ));
        }
        if let Some(before) = filter.created_before {
            clauses.push(format!(
                "created_at < {}",
                next(BindValue::Int(before), &mut binds)
            ));
        }
        if let Some(correlation) = &filter.correlation_id {
            clauses.push(format!(
                "correlation_id = {}",
                next(BindValue::Text(correlation.clone()), &mut binds)
            ));
        }
        for tag in &filter.tags {
            let p = next(BindValue::Text(tag.clone()), &mut binds);
            clauses.push(format!(
                "task_uuid IN (SELECT task_uuid FROM task_tags WHERE tag = {p})"
            ));
        }
        if let Some(after) = &filter.after {
            clauses.push(format!(
                "task_uuid < {}",
                next(BindValue::Text(after.clone()), &mut binds)
            ));
        }
        let limit = next(BindValue::Int(filter.limit), &mut binds);
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM tasks {filter_sql} ORDER BY task_uuid DESC LIMIT {limit}"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for bind in binds {
            query = match bind {
                BindValue::Text(text) => query.bind(text),
                BindValue::Int(int) => query.bind(int),
            };
        }
        let rows = query.fetch_all(self.read.get()).await?;
        let uuids: Vec<String> = rows
            .iter()
            .map(|r| r.try_get("task_uuid"))
            .collect::<Result<_, _>>()?;
        let counts = self.step_counts(&uuids).await?;
        rows.iter()
            .zip(&uuids)
            .map(|(row, uuid)| task_from_row(row, counts.get(uuid).copied().unwrap_or_default()))
            .collect()
    }

    /// The body of [`Store::cancel_task`], which runs it detached (`writes.rs`).
    pub(crate) async fn cancel_task_inner(
        &self,
        task_uuid: &str,
        performed_by: &str,
        reason: &str,
    ) -> Result<TaskRecord, StoreError> {
        let mut tx = self.writer.begin().await?;
        let state = crate::engine::task_state(&mut tx, task_uuid).await?;
        task_transition(
            &mut tx,
            task_uuid,
            state,
            TaskEvent::Cancel,
            performed_by,
            reason,
        )
        .await?;
        let mut steps = crate::engine::load_steps(&mut tx, task_uuid).await?;
        for step in steps.iter_mut().filter(|s| {
            matches!(
                s.state,
                StepState::Pending
                    | StepState::Enqueued
                    | StepState::WaitingForRetry
                    | StepState::Error
            )
        }) {
            let change = StepChange {
                performed_by,
                reason,
                ..StepChange::default()
            };
            step_transition(&mut tx, step, StepEvent::Cancel, &change).await?;
        }
        sqlx::query(
            "UPDATE dlq_entries SET resolution_status = 'cancelled', resolved_by = $1, resolved_at = $2, updated_at = $2 \
             WHERE task_uuid = $3 AND resolution_status = 'pending'",
        )
        .bind(performed_by)
        .bind(now_us())
        .bind(task_uuid)
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        self.announce([task_uuid.to_owned()], false);
        self.get_task(task_uuid)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("task {task_uuid}")))
    }

    /// The steps of a task in template order.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn list_steps(&self, task_uuid: &str) -> Result<Vec<StepRecord>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STEP_COLUMNS} FROM steps WHERE task_uuid = $1 ORDER BY position"
        )))
        .bind(task_uuid)
        .fetch_all(self.read.get())
        .await?;
        rows.iter().map(step_from_row).collect()
    }

    /// One step of a task.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn get_step(
        &self,
        task_uuid: &str,
        step_uuid: &str,
    ) -> Result<Option<StepRecord>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STEP_COLUMNS} FROM steps WHERE task_uuid = $1 AND step_uuid = $2"
        )))
        .bind(task_uuid)
        .bind(step_uuid)
        .fetch_optional(self.read.get())
        .await?;
        row.as_ref().map(step_from_row).transpose()
    }

    /// Every transition of a step, oldest first, after `after`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn step_audit(
        &self,
        step_uuid: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<StepTransitionRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT transition_uuid, step_uuid, task_uuid, from_state, to_state, event, performed_by, worker_uuid, attempt, \
             execution_us, results, error, reason, occurred_at FROM step_transitions \
             WHERE step_uuid = $1 AND transition_uuid > $2 ORDER BY transition_uuid LIMIT $3",
        )
        .bind(step_uuid)
        .bind(after.unwrap_or(""))
        .bind(limit)
        .fetch_all(self.read.get())
        .await?;
        rows.iter()
            .map(|row| {
                let from: Option<String> = row.try_get("from_state")?;
                let to: String = row.try_get("to_state")?;
                let results: Option<String> = row.try_get("results")?;
                let error: Option<String> = row.try_get("error")?;
                Ok(StepTransitionRecord {
                    transition_uuid: row.try_get("transition_uuid")?,
                    step_uuid: row.try_get("step_uuid")?,
                    task_uuid: row.try_get("task_uuid")?,
                    from_state: from.map(|s| s.parse()).transpose()?,
                    to_state: to.parse()?,
                    event: row.try_get("event")?,
                    performed_by: row.try_get("performed_by")?,
                    worker_uuid: row.try_get("worker_uuid")?,
                    attempt: row.try_get("attempt")?,
                    execution_us: row.try_get("execution_us")?,
                    results: results
                        .as_deref()
                        .map(crate::engine::json_object)
                        .transpose()?,
                    error: error.as_deref().map(serde_json::from_str).transpose()?,
                    reason: row.try_get("reason")?,
                    occurred_at: row.try_get("occurred_at")?,
                })
            })
            .collect()
    }

    /// Results of a task's finished steps, by step name.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn step_results(
        &self,
        task_uuid: &str,
    ) -> Result<Vec<(String, Map<String, Value>)>, StoreError> {
        let rows = sqlx::query("SELECT name, results FROM steps WHERE task_uuid = $1 AND results IS NOT NULL ORDER BY position")
            .bind(task_uuid)
            .fetch_all(self.read.get())
            .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get("name")?,
                    crate::engine::json_object(&row.try_get::<String, _>("results")?)?,
                ))
            })
            .collect()
    }

    /// Re-evaluates a task (after an operator action or a timer).
    pub(crate) async fn reevaluate_in(
        &self,
        tx: &mut Tx,
        task_uuid: &str,
        performed_by: &str,
    ) -> Result<(), StoreError> {
        let outcome = reevaluate(tx, task_uuid, performed_by).await?;
        if outcome.state == Some(TaskState::BlockedByFailures) {
            crate::dlq::open_entry(
                tx,
                task_uuid,
                "max_retries_exceeded",
                outcome.blocked_by.as_deref(),
            )
            .await?;
        }
        Ok(())
    }
}

enum BindValue {
    Text(String),
    Int(i64),
}
