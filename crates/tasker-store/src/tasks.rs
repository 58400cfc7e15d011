//! Tasks: creation (task, steps and first transitions in one transaction),
//! reads, keyset listing and cancellation.

use std::collections::HashMap;

use serde_json::{Map, Value};
use sqlx::Row;
use tasker_core::machine::{StepEvent, TaskEvent};
use tasker_core::template::{StepDefinition, Template};
use tasker_core::{StepCounts, StepState, TaskState, new_uuid};

use crate::engine::{
    Param, STEP_COLUMNS, STEP_TRANSITION_INSERT, StepChange, TASK_COLUMNS, TASK_TRANSITION_INSERT,
    Tx, reevaluate, step_from_row, step_transition, step_transition_row, task_from_row,
    task_transition, task_transition_row,
};
use crate::model::{
    NewTask, StepRecord, StepTransitionRecord, TaskFilter, TaskRecord, TemplateRecord,
};
use crate::script::Script;
use crate::writer::AnyQuery;
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

/// The rows of a multi-row INSERT.
type Rows = Vec<Vec<Param>>;

/// The states creation takes a task through — pending → initializing →
/// enqueuing_steps → steps_in_process — and its root steps (pending →
/// enqueued), as the machines give them. The task is written in the state
/// creation ends in, with every transition of the way recorded.
#[derive(Debug, Clone, Copy)]
struct CreationPath {
    start: TaskState,
    ready: TaskState,
    settled: TaskState,
    enqueued: StepState,
}

impl CreationPath {
    fn new() -> Result<Self, StoreError> {
        let start = TaskState::Pending.on(TaskEvent::Start)?;
        let ready = start.on(TaskEvent::ReadyStepsFound)?;
        Ok(Self {
            start,
            ready,
            settled: ready.on(TaskEvent::StepsEnqueued)?,
            enqueued: StepState::Pending.on(StepEvent::Enqueue)?,
        })
    }
}

/// A step as creation writes it: root steps (no dependencies) enqueued, the
/// others pending.
struct NewStep<'a> {
    step_uuid: String,
    position: usize,
    definition: &'a StepDefinition,
    state: StepState,
}

impl NewStep<'_> {
    fn is_root(&self) -> bool {
        self.definition.depends_on.is_empty()
    }
}

/// The template's steps with fresh uuids, in declaration order, and how many
/// are in each state.
fn new_steps(template: &Template, path: CreationPath) -> (Vec<NewStep<'_>>, StepCounts) {
    let mut counts = StepCounts::default();
    let steps = template
        .steps
        .iter()
        .enumerate()
        .map(|(position, definition)| {
            let state = if definition.depends_on.is_empty() {
                path.enqueued
            } else {
                StepState::Pending
            };
            counts.add(state);
            NewStep {
                step_uuid: new_uuid().to_string(),
                position,
                definition,
                state,
            }
        })
        .collect();
    (steps, counts)
}

/// The INSERT of the task row in its settled state; `RETURNING` tells
/// whether the row went in (an existing identity keeps it out), so it can be
/// the write's first statement, sent with its transaction control.
fn insert_task<'q>(
    task: &'q NewTask,
    template: &'q Template,
    task_uuid: &'q str,
    identity: &'q str,
    state: TaskState,
    now: i64,
) -> Result<AnyQuery<'q>, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO tasks (task_uuid, namespace, name, version, state, context, correlation_id, parent_correlation_id, \
         initiator, source_system, reason, priority, tags, idempotency_key, identity_hash, created_by, created_at, \
         updated_at, state_entered_at, completed_at, traceparent) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $17, NULL, $18) \
         ON CONFLICT (identity_hash) DO NOTHING RETURNING task_uuid",
    )
    .bind(task_uuid)
    .bind(&template.namespace)
    .bind(&template.name)
    .bind(&template.version)
    .bind(state.as_str())
    .bind(Value::Object(task.context.clone()).to_string())
    .bind(&task.correlation_id)
    .bind(&task.parent_correlation_id)
    .bind(&task.initiator)
    .bind(&task.source_system)
    .bind(&task.reason)
    .bind(task.priority)
    .bind(serde_json::to_string(&task.tags)?)
    .bind(&task.idempotency_key)
    .bind(identity)
    .bind(&task.created_by)
    .bind(now)
    .bind(task.traceparent.as_deref()))
}

/// One `task_tags` row per distinct tag, in the order given.
fn tag_rows(tags: &[String], task_uuid: &str) -> Rows {
    let mut distinct: Vec<&String> = Vec::with_capacity(tags.len());
    for tag in tags {
        if !distinct.contains(&tag) {
            distinct.push(tag);
        }
    }
    distinct
        .into_iter()
        .map(|tag| vec![Param::Text(tag.clone()), Param::Text(task_uuid.to_owned())])
        .collect()
}

/// The `steps` rows of a new task.
fn step_rows(
    steps: &[NewStep<'_>],
    task_uuid: &str,
    task: &NewTask,
    template: &Template,
    now: i64,
) -> Result<Rows, StoreError> {
    steps
        .iter()
        .map(|step| {
            let definition = step.definition;
            Ok(vec![
                Param::Text(step.step_uuid.clone()),
                Param::Text(task_uuid.to_owned()),
                Param::Int(i64::try_from(step.position).unwrap_or(i64::MAX)),
                Param::Text(definition.name.clone()),
                Param::Text(definition.handler.clone()),
                Param::Text(template.namespace.clone()),
                Param::Int(task.priority),
                Param::Text(step.state.as_str().to_owned()),
                Param::Text(serde_json::to_string(&definition.depends_on)?),
                Param::Int(0),
                Param::Int(i64::from(definition.retry.max_attempts)),
                Param::Text(serde_json::to_string(&definition.retry)?),
                Param::Int(i64::try_from(definition.timeout.as_millis()).unwrap_or(i64::MAX)),
                Param::Text(Value::Object(definition.handler_config.clone()).to_string()),
                Param::Int(now),
                Param::Int(now),
            ])
        })
        .collect()
}

/// The transition rows of creation — the task's and its steps' — made in
/// the order the machines take them: the task's creation, every step's,
/// the task's start and readiness, the roots' enqueueing, the task settling.
/// Their uuids (UUIDv7) keep that order where times are equal, as a
/// watcher's history reads it.
fn transitions(
    steps: &[NewStep<'_>],
    task_uuid: &str,
    task: &NewTask,
    path: CreationPath,
    now: i64,
) -> Result<(Rows, Rows), StoreError> {
    let system = |from, to, event: TaskEvent| {
        task_transition_row(task_uuid, Some(from), to, event.as_str(), "system", "", now)
    };
    let step_row = |step: &NewStep<'_>, from, to, event, change: &StepChange<'_>| {
        step_transition_row(&step.step_uuid, task_uuid, 0, from, to, event, change, now)
    };
    let mut task_rows = vec![task_transition_row(
        task_uuid,
        None,
        TaskState::Pending,
        "create",
        &task.created_by,
        &task.reason,
        now,
    )];
    let created = StepChange {
        performed_by: &task.created_by,
        reason: "created",
        ..StepChange::default()
    };
    let mut step_rows = steps
        .iter()
        .map(|step| step_row(step, None, StepState::Pending, "create", &created))
        .collect::<Result<Vec<_>, _>>()?;
    task_rows.push(system(TaskState::Pending, path.start, TaskEvent::Start));
    task_rows.push(system(path.start, path.ready, TaskEvent::ReadyStepsFound));
    let enqueued = StepChange {
        performed_by: "system",
        reason: "no dependencies",
        ..StepChange::default()
    };
    for step in steps.iter().filter(|step| step.is_root()) {
        step_rows.push(step_row(
            step,
            Some(StepState::Pending),
            path.enqueued,
            StepEvent::Enqueue.as_str(),
            &enqueued,
        )?);
    }
    task_rows.push(system(path.ready, path.settled, TaskEvent::StepsEnqueued));
    Ok((task_rows, step_rows))
}

/// The task as creation wrote it: nothing to read back.
fn created_record(
    task: &NewTask,
    template: &Template,
    task_uuid: String,
    state: TaskState,
    step_counts: StepCounts,
    now: i64,
) -> TaskRecord {
    TaskRecord {
        task_uuid,
        namespace: template.namespace.clone(),
        name: template.name.clone(),
        version: template.version.clone(),
        state,
        context: task.context.clone(),
        correlation_id: task.correlation_id.clone(),
        parent_correlation_id: task.parent_correlation_id.clone(),
        initiator: task.initiator.clone(),
        source_system: task.source_system.clone(),
        reason: task.reason.clone(),
        priority: task.priority,
        tags: task.tags.clone(),
        idempotency_key: task.idempotency_key.clone(),
        created_by: task.created_by.clone(),
        created_at: now,
        updated_at: now,
        state_entered_at: now,
        completed_at: None,
        step_counts,
    }
}

impl Store {
    /// The body of [`Store::create_task`], which runs it detached
    /// (`writes.rs`): the task row first (refused for an existing identity),
    /// then its transitions, tags, steps and their transitions in one
    /// multi-row INSERT per table, in the order the machines take them.
    pub(crate) async fn create_task_inner(
        &self,
        task: &NewTask,
        template: &TemplateRecord,
    ) -> Result<TaskRecord, StoreError> {
        let template = &template.template;
        let task_uuid = new_uuid().to_string();
        let identity = identity(task, &task_uuid);
        let now = now_us();
        let path = CreationPath::new()?;
        let insert = insert_task(task, template, &task_uuid, &identity, path.settled, now)?;
        let (mut tx, inserted) = self.writer.begin_reading(true, insert).await?;
        if inserted.is_empty() {
            // Read inside the write: on SQLite the other task may be in the
            // same not-yet-committed batch.
            let existing: Option<String> =
                sqlx::query_scalar("SELECT task_uuid FROM tasks WHERE identity_hash = $1")
                    .bind(&identity)
                    .fetch_optional(tx.conn())
                    .await?;
            tx.rollback().await?;
            return Err(StoreError::DuplicateTask {
                existing: existing.unwrap_or_default(),
            });
        }
        let (steps, counts) = new_steps(template, path);
        let (task_transitions, step_transitions) =
            transitions(&steps, &task_uuid, task, path, now)?;
        let mut script = Script::default();
        script.insert_rows(TASK_TRANSITION_INSERT, 8, task_transitions, "");
        script.insert_rows(
            "INSERT INTO task_tags (tag, task_uuid) VALUES",
            2,
            tag_rows(&task.tags, &task_uuid),
            " ON CONFLICT DO NOTHING",
        );
        script.insert_rows(
            "INSERT INTO steps (step_uuid, task_uuid, position, name, handler, namespace, priority, state, depends_on, \
             attempts, max_attempts, retry_policy, timeout_ms, handler_config, created_at, updated_at) VALUES",
            16,
            step_rows(&steps, &task_uuid, task, template, now)?,
            "",
        );
        script.insert_rows(STEP_TRANSITION_INSERT, 14, step_transitions, "");
        script.run(&mut tx).await?;
        tx.commit().await?;
        self.announce([task_uuid.clone()], true);
        Ok(created_record(
            task,
            template,
            task_uuid,
            path.settled,
            counts,
            now,
        ))
    }

    /// One task with its step counts.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn get_task(&self, task_uuid: &str) -> Result<Option<TaskRecord>, StoreError> {
        // One statement: the task's columns on each row, with one row per
        // state its steps are in (a single row of NULLs for a task without
        // steps).
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS}, counts.step_state, counts.steps FROM tasks \
             LEFT JOIN (SELECT state AS step_state, COUNT(*) AS steps FROM steps WHERE task_uuid = $1 GROUP BY state) counts \
             ON 1 = 1 WHERE task_uuid = $1"
        )))
        .bind(task_uuid)
        .fetch_all(self.read.get())
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let mut counts = StepCounts::default();
        for row in &rows {
            crate::engine::count_steps_row(&mut counts, row)?;
        }
        Ok(Some(task_from_row(first, counts)?))
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

    /// Counts the tasks `filter` selects (its page size and keyset position
    /// ignored), by state.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn count_tasks(
        &self,
        filter: &TaskFilter,
    ) -> Result<Vec<(TaskState, i64)>, StoreError> {
        let (clauses, binds) = task_conditions(filter);
        let sql = format!(
            "SELECT state, COUNT(*) AS n FROM tasks {} GROUP BY state",
            where_sql(&clauses)
        );
        let rows = bound(sql, binds).fetch_all(self.read.get()).await?;
        let mut counts = rows
            .iter()
            .map(|row| {
                let state: String = row.try_get("state")?;
                let state = state
                    .parse::<TaskState>()
                    .map_err(|_| StoreError::Corrupt(format!("task state {state:?}")))?;
                Ok((state, row.try_get::<i64, _>("n")?))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        counts.sort_by_key(|(state, _)| TaskState::ALL.iter().position(|s| s == state));
        Ok(counts)
    }

    /// Tasks matching `filter`, newest first, after `filter.after`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn list_tasks(&self, filter: &TaskFilter) -> Result<Vec<TaskRecord>, StoreError> {
        let (mut clauses, mut binds) = task_conditions(filter);
        let next = |value: BindValue, binds: &mut Vec<BindValue>| {
            binds.push(value);
            format!("${}", binds.len())
        };
        if let Some(after) = &filter.after {
            clauses.push(format!(
                "task_uuid < {}",
                next(BindValue::Text(after.clone()), &mut binds)
            ));
        }
        let limit = next(BindValue::Int(filter.limit), &mut binds);
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM tasks {} ORDER BY task_uuid DESC LIMIT {limit}",
            where_sql(&clauses)
        );
        let rows = bound(sql, binds).fetch_all(self.read.get()).await?;
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
        self.announce_cancellation(task_uuid);
        self.get_task(task_uuid)
            .await?
            .ok_or_else(|| StoreError::not_found("task", task_uuid))
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

impl Store {
    /// [`Store::reevaluate_in`] for a task whose state and steps the caller
    /// has read in this transaction: the changes added to `script` (run
    /// here only when the task becomes blocked, before its DLQ entry is
    /// opened), the transition rows gathered into `transitions`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn reevaluate_loaded(
        &self,
        tx: &mut Tx,
        script: &mut crate::script::Script,
        task_uuid: &str,
        current: TaskState,
        steps: &mut [crate::model::StepRecord],
        performed_by: &str,
        transitions: &mut crate::engine::Transitions,
    ) -> Result<crate::engine::Evaluated, StoreError> {
        let outcome = crate::engine::apply_reevaluation(
            script,
            task_uuid,
            current,
            steps,
            performed_by,
            transitions,
        )?;
        if outcome.state == Some(TaskState::BlockedByFailures) {
            script.run(tx).await?;
            crate::dlq::open_entry(
                tx,
                task_uuid,
                "max_retries_exceeded",
                outcome.blocked_by.as_deref(),
            )
            .await?;
        }
        Ok(outcome)
    }
}

enum BindValue {
    Text(String),
    Int(i64),
}

/// `WHERE` and the `clauses` joined with `AND`; nothing without clauses.
fn where_sql(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}

/// `sql` with `binds` bound in order.
fn bound(
    sql: String,
    binds: Vec<BindValue>,
) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for bind in binds {
        query = match bind {
            BindValue::Text(text) => query.bind(text),
            BindValue::Int(int) => query.bind(int),
        };
    }
    query
}

/// The `WHERE` conditions of a task listing or count (every filter but the
/// keyset position), with their bound values numbered from `$1`.
fn task_conditions(filter: &TaskFilter) -> (Vec<String>, Vec<BindValue>) {
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
    (clauses, binds)
}
