//! The transactional core: decoding rows, recording transitions, and
//! re-evaluating a task after its steps change, all inside the caller's
//! transaction and by the rules of `tasker-core`.

use serde_json::{Map, Value};
use sqlx::Row;
use sqlx::any::AnyRow;
use tasker_core::machine::{StepEvent, TaskEvent};
use tasker_core::{Dag, PlannedTransition, StepCounts, StepState, TaskState, new_uuid};

use crate::model::{StepErrorRecord, StepRecord, TaskRecord};
use crate::script::Script;
use crate::{StoreError, now_us};

pub(crate) type Tx = crate::writer::WriteTx;

pub(crate) const STEP_COLUMNS: &str = "step_uuid, task_uuid, position, name, handler, namespace, state, depends_on, attempts, \
     max_attempts, retry_policy, timeout_ms, handler_config, results, last_error, next_retry_at, claim_uuid, worker_uuid, \
     lease_expires_at, created_at, updated_at, last_attempted_at, completed_at";

/// [`STEP_COLUMNS`] of `steps s` in a join, `results` read only for the
/// step holding claim `$1` (the others' results can be large and are not
/// needed to re-evaluate a task).
pub(crate) fn joined_step_columns() -> &'static str {
    static COLUMNS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        STEP_COLUMNS
            .split(',')
            .map(str::trim)
            .map(|column| match column {
                "results" => "CASE WHEN s.claim_uuid = $1 THEN s.results END AS results".to_owned(),
                other => format!("s.{other}"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    });
    &COLUMNS
}

/// Whether the transaction runs on PostgreSQL.
pub(crate) fn is_postgres(tx: &Tx) -> bool {
    tx.backend_name().eq_ignore_ascii_case("postgresql")
        || tx.backend_name().eq_ignore_ascii_case("postgres")
}

pub(crate) const TASK_COLUMNS: &str = "task_uuid, namespace, name, version, state, context, correlation_id, \
     parent_correlation_id, initiator, source_system, reason, priority, tags, idempotency_key, created_by, created_at, \
     updated_at, state_entered_at, completed_at";

pub(crate) fn json_object(text: &str) -> Result<Map<String, Value>, StoreError> {
    match serde_json::from_str::<Value>(text)? {
        Value::Object(map) => Ok(map),
        other => Err(StoreError::Corrupt(format!(
            "expected a JSON object, found {other}"
        ))),
    }
}

pub(crate) fn step_from_row(row: &AnyRow) -> Result<StepRecord, StoreError> {
    let state: String = row.try_get("state")?;
    let results: Option<String> = row.try_get("results")?;
    let last_error: Option<String> = row.try_get("last_error")?;
    Ok(StepRecord {
        step_uuid: row.try_get("step_uuid")?,
        task_uuid: row.try_get("task_uuid")?,
        position: row.try_get("position")?,
        name: row.try_get("name")?,
        handler: row.try_get("handler")?,
        namespace: row.try_get("namespace")?,
        state: state.parse()?,
        depends_on: serde_json::from_str(&row.try_get::<String, _>("depends_on")?)?,
        attempts: row.try_get("attempts")?,
        max_attempts: row.try_get("max_attempts")?,
        retry: serde_json::from_str(&row.try_get::<String, _>("retry_policy")?)?,
        timeout_ms: row.try_get("timeout_ms")?,
        handler_config: json_object(&row.try_get::<String, _>("handler_config")?)?,
        results: results.as_deref().map(json_object).transpose()?,
        last_error: last_error
            .as_deref()
            .map(serde_json::from_str::<StepErrorRecord>)
            .transpose()?,
        next_retry_at: row.try_get("next_retry_at")?,
        claim_uuid: row.try_get("claim_uuid")?,
        worker_uuid: row.try_get("worker_uuid")?,
        lease_expires_at: row.try_get("lease_expires_at")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        last_attempted_at: row.try_get("last_attempted_at")?,
        completed_at: row.try_get("completed_at")?,
    })
}

pub(crate) fn task_from_row(
    row: &AnyRow,
    step_counts: StepCounts,
) -> Result<TaskRecord, StoreError> {
    let state: String = row.try_get("state")?;
    Ok(TaskRecord {
        task_uuid: row.try_get("task_uuid")?,
        namespace: row.try_get("namespace")?,
        name: row.try_get("name")?,
        version: row.try_get("version")?,
        state: state.parse()?,
        context: json_object(&row.try_get::<String, _>("context")?)?,
        correlation_id: row.try_get("correlation_id")?,
        parent_correlation_id: row.try_get("parent_correlation_id")?,
        initiator: row.try_get("initiator")?,
        source_system: row.try_get("source_system")?,
        reason: row.try_get("reason")?,
        priority: row.try_get("priority")?,
        tags: serde_json::from_str(&row.try_get::<String, _>("tags")?)?,
        idempotency_key: row.try_get("idempotency_key")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        state_entered_at: row.try_get("state_entered_at")?,
        completed_at: row.try_get("completed_at")?,
        step_counts,
    })
}

/// Adds to `counts` a row of a task read with its steps' counts by state
/// (`step_state`, `steps`; both NULL for a task without steps).
pub(crate) fn count_steps_row(counts: &mut StepCounts, row: &AnyRow) -> Result<(), StoreError> {
    let state: Option<String> = row.try_get("step_state")?;
    let steps: Option<i64> = row.try_get("steps")?;
    if let (Some(state), Some(steps)) = (state, steps) {
        let state: StepState = state.parse()?;
        for _ in 0..steps {
            counts.add(state);
        }
    }
    Ok(())
}

/// A step transition to record.
#[derive(Debug, Default)]
pub(crate) struct StepChange<'a> {
    pub(crate) performed_by: &'a str,
    pub(crate) worker_uuid: Option<&'a str>,
    pub(crate) execution_us: Option<i64>,
    pub(crate) results: Option<&'a Map<String, Value>>,
    pub(crate) error: Option<&'a StepErrorRecord>,
    pub(crate) reason: &'a str,
}

/// Applies `event` to `step` (by the step machine), writes the new state with
/// a compare-and-set on the old one, and records the transition.
pub(crate) async fn step_transition(
    tx: &mut Tx,
    step: &mut StepRecord,
    event: StepEvent,
    change: &StepChange<'_>,
) -> Result<(), StoreError> {
    let to = step.state.on(event)?;
    let now = now_us();
    let updated = sqlx::query(
        "UPDATE steps SET state = $1, updated_at = $2 WHERE step_uuid = $3 AND state = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(&step.step_uuid)
    .bind(step.state.as_str())
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() != 1 {
        return Err(StoreError::StateConflict(format!(
            "step {} changed concurrently; retry the request",
            step.step_uuid
        )));
    }
    insert_step_transition(tx, step, Some(step.state), to, event.as_str(), change, now).await?;
    step.state = to;
    step.updated_at = now;
    Ok(())
}

pub(crate) async fn insert_step_transition(
    tx: &mut Tx,
    step: &StepRecord,
    from: Option<StepState>,
    to: StepState,
    event: &str,
    change: &StepChange<'_>,
    now: i64,
) -> Result<(), StoreError> {
    let row = step_transition_row(
        &step.step_uuid,
        &step.task_uuid,
        step.attempts,
        from,
        to,
        event,
        change,
        now,
    )?;
    insert_row(tx, STEP_TRANSITION_INSERT, &row).await
}

/// Moves a task from `from` to `to` with `event`, checked by the machine and
/// compare-and-set on the stored state, recording the transition.
pub(crate) async fn task_transition(
    tx: &mut Tx,
    task_uuid: &str,
    from: TaskState,
    event: TaskEvent,
    performed_by: &str,
    reason: &str,
) -> Result<TaskState, StoreError> {
    let to = from.on(event)?;
    let now = now_us();
    let completed_at = to.is_terminal().then_some(now);
    let updated = sqlx::query(
        "UPDATE tasks SET state = $1, updated_at = $2, state_entered_at = $2, completed_at = $3 \
         WHERE task_uuid = $4 AND state = $5",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(completed_at)
    .bind(task_uuid)
    .bind(from.as_str())
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() != 1 {
        return Err(StoreError::StateConflict(format!(
            "task {task_uuid} changed concurrently; retry the request"
        )));
    }
    insert_task_transition(
        tx,
        task_uuid,
        Some(from),
        to,
        event.as_str(),
        performed_by,
        reason,
        now,
    )
    .await?;
    Ok(to)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_task_transition(
    tx: &mut Tx,
    task_uuid: &str,
    from: Option<TaskState>,
    to: TaskState,
    event: &str,
    performed_by: &str,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    let row = task_transition_row(task_uuid, from, to, event, performed_by, reason, now);
    insert_row(tx, TASK_TRANSITION_INSERT, &row).await
}

/// Runs `insert` (an `INSERT … VALUES` without its values) for one row.
async fn insert_row(tx: &mut Tx, insert: &str, row: &[Param]) -> Result<(), StoreError> {
    let sql = format!("{insert} {}", values_list(1, row.len()));
    crate::script::bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), row)
        .execute(tx.conn())
        .await?;
    Ok(())
}

pub(crate) async fn load_steps(
    tx: &mut Tx,
    task_uuid: &str,
) -> Result<Vec<StepRecord>, StoreError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {STEP_COLUMNS} FROM steps WHERE task_uuid = $1 ORDER BY position"
    )))
    .bind(task_uuid)
    .fetch_all(tx.conn())
    .await?;
    rows.iter().map(step_from_row).collect()
}

/// Reads a task's state and, on PostgreSQL, locks the task row until the
/// transaction ends. Every change of a task's steps re-evaluates the task
/// through here, so concurrent step results of one task are serialised: the
/// second transaction waits, then sees the first one's committed steps
/// (SQLite's single writer gives the same guarantee).
pub(crate) async fn task_state(tx: &mut Tx, task_uuid: &str) -> Result<TaskState, StoreError> {
    let lock = if is_postgres(tx) { " FOR UPDATE" } else { "" };
    let state: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT state FROM tasks WHERE task_uuid = $1{lock}"
    )))
    .bind(task_uuid)
    .fetch_optional(tx.conn())
    .await?;
    Ok(state
        .ok_or_else(|| StoreError::not_found("task", task_uuid))?
        .parse()?)
}

/// What a re-evaluation did.
#[derive(Debug, Default)]
pub(crate) struct Evaluated {
    pub(crate) state: Option<TaskState>,
    pub(crate) enqueued: usize,
    pub(crate) blocked_by: Option<String>,
}

/// Transition rows gathered during a write and inserted together, one
/// multi-row INSERT per table, just before the write commits.
#[derive(Debug, Default)]
pub(crate) struct Transitions {
    steps: Vec<Vec<Param>>,
    tasks: Vec<Vec<Param>>,
}

impl Transitions {
    /// Records `step` moving from `from` to `to` by `event`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn step(
        &mut self,
        step: &StepRecord,
        from: StepState,
        to: StepState,
        event: StepEvent,
        change: &StepChange<'_>,
        now: i64,
    ) -> Result<(), StoreError> {
        self.steps.push(step_transition_row(
            &step.step_uuid,
            &step.task_uuid,
            step.attempts,
            Some(from),
            to,
            event.as_str(),
            change,
            now,
        )?);
        Ok(())
    }

    /// Records a task transition.
    pub(crate) fn task(
        &mut self,
        task_uuid: &str,
        transition: PlannedTransition,
        performed_by: &str,
        now: i64,
    ) {
        self.tasks.push(task_transition_row(
            task_uuid,
            Some(transition.from),
            transition.to,
            transition.event.as_str(),
            performed_by,
            "",
            now,
        ));
    }

    /// Adds the inserts of the gathered rows to `script`: at most one
    /// statement per table.
    pub(crate) fn insert_in(self, script: &mut Script) {
        if !self.steps.is_empty() {
            script.insert_rows(STEP_TRANSITION_INSERT, 14, self.steps, "");
        }
        if !self.tasks.is_empty() {
            script.insert_rows(TASK_TRANSITION_INSERT, 8, self.tasks, "");
        }
    }
}

/// Enqueues every pending step whose dependencies are satisfied and moves the
/// task to the state its steps call for, through `evaluating_results`.
/// A task in a final state is left alone (late results do not revive it).
pub(crate) async fn reevaluate(
    tx: &mut Tx,
    task_uuid: &str,
    performed_by: &str,
) -> Result<Evaluated, StoreError> {
    let current = task_state(tx, task_uuid).await?;
    if current.is_terminal() {
        return Ok(Evaluated {
            state: Some(current),
            ..Evaluated::default()
        });
    }
    let mut steps = load_steps(tx, task_uuid).await?;
    let mut transitions = Transitions::default();
    let mut script = Script::default();
    let outcome = apply_reevaluation(
        &mut script,
        task_uuid,
        current,
        &mut steps,
        performed_by,
        &mut transitions,
    )?;
    transitions.insert_in(&mut script);
    script.run(tx).await?;
    Ok(outcome)
}

/// Re-evaluates a task whose state (`current`) and steps (in declaration
/// order, as they are after this transaction's changes) the caller has read:
/// plans by [`tasker_core::plan::reevaluation`], then adds to `script` one
/// UPDATE for the enqueued steps and one for the task (compare-and-set
/// both), gathering the transition rows into `transitions`.
pub(crate) fn apply_reevaluation(
    script: &mut Script,
    task_uuid: &str,
    current: TaskState,
    steps: &mut [StepRecord],
    performed_by: &str,
    transitions: &mut Transitions,
) -> Result<Evaluated, StoreError> {
    let dag = Dag::new(
        steps
            .iter()
            .map(|s| (s.name.as_str(), s.depends_on.iter().map(String::as_str))),
    )?;
    let mut states: Vec<StepState> = steps.iter().map(|s| s.state).collect();
    let plan = tasker_core::plan::reevaluation(current, &dag, &mut states)?;
    let now = now_us();
    if !plan.enqueue.is_empty() {
        let sql = format!(
            "UPDATE steps SET state = 'enqueued', updated_at = $1 WHERE state = 'pending' AND step_uuid IN ({})",
            placeholders(2, plan.enqueue.len())
        );
        let mut params = Vec::with_capacity(1 + plan.enqueue.len());
        params.push(Param::Int(now));
        for &i in &plan.enqueue {
            params.push(Param::OptText(steps.get(i).map(|s| s.step_uuid.clone())));
        }
        script.push_expecting(
            sql,
            params,
            plan.enqueue.len() as u64,
            format!("the steps of task {task_uuid} changed concurrently; retry the request"),
        );
        let change = StepChange {
            performed_by: "system",
            reason: "dependencies satisfied",
            ..StepChange::default()
        };
        for &i in &plan.enqueue {
            if let Some(step) = steps.get_mut(i) {
                transitions.step(
                    step,
                    step.state,
                    StepState::Enqueued,
                    StepEvent::Enqueue,
                    &change,
                    now,
                )?;
                step.state = StepState::Enqueued;
                step.updated_at = now;
            }
        }
    }
    let state = plan.final_state(current);
    if !plan.transitions.is_empty() {
        let completed_at = state.is_terminal().then_some(now);
        script.push_expecting(
            "UPDATE tasks SET state = $1, updated_at = $2, state_entered_at = $2, completed_at = $3 \
             WHERE task_uuid = $4 AND state = $5",
            vec![
                Param::Text(state.as_str().to_owned()),
                Param::Int(now),
                Param::OptInt(completed_at),
                Param::Text(task_uuid.to_owned()),
                Param::Text(current.as_str().to_owned()),
            ],
            1,
            format!("task {task_uuid} changed concurrently; retry the request"),
        );
        for transition in &plan.transitions {
            let by = if transition.to == TaskState::EvaluatingResults {
                performed_by
            } else {
                "system"
            };
            transitions.task(task_uuid, *transition, by, now);
        }
    }
    let blocked_by = (state == TaskState::BlockedByFailures)
        .then(|| {
            steps
                .iter()
                .find(|s| s.state == StepState::Error)
                .map(|s| s.step_uuid.clone())
        })
        .flatten();
    Ok(Evaluated {
        state: Some(state),
        enqueued: plan.enqueue.len(),
        blocked_by,
    })
}

/// `"$first, $first+1, …"`: `n` numbered placeholders.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One value of a multi-row statement.
#[derive(Debug)]
pub(crate) enum Param {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
}

/// `"($1, $2), ($3, $4)"` for `rows` rows of `columns` placeholders.
pub(crate) fn values_list(rows: usize, columns: usize) -> String {
    let mut sql = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push('$');
            sql.push_str(&(row * columns + column + 1).to_string());
        }
        sql.push(')');
    }
    sql
}

/// A task transition row (`task_transitions`, 8 columns) for [`insert_rows`].
pub(crate) fn task_transition_row(
    task_uuid: &str,
    from: Option<TaskState>,
    to: TaskState,
    event: &str,
    performed_by: &str,
    reason: &str,
    now: i64,
) -> Vec<Param> {
    vec![
        Param::Text(new_uuid().to_string()),
        Param::Text(task_uuid.to_owned()),
        Param::OptText(from.map(|s| s.as_str().to_owned())),
        Param::Text(to.as_str().to_owned()),
        Param::Text(event.to_owned()),
        Param::Text(performed_by.to_owned()),
        Param::Text(reason.to_owned()),
        Param::Int(now),
    ]
}

pub(crate) const TASK_TRANSITION_INSERT: &str = "INSERT INTO task_transitions (transition_uuid, task_uuid, from_state, to_state, event, \
     performed_by, reason, occurred_at) VALUES";

/// A step transition row (`step_transitions`, 14 columns) for
/// [`insert_rows`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn step_transition_row(
    step_uuid: &str,
    task_uuid: &str,
    attempt: i64,
    from: Option<StepState>,
    to: StepState,
    event: &str,
    change: &StepChange<'_>,
    now: i64,
) -> Result<Vec<Param>, StoreError> {
    Ok(vec![
        Param::Text(new_uuid().to_string()),
        Param::Text(step_uuid.to_owned()),
        Param::Text(task_uuid.to_owned()),
        Param::OptText(from.map(|s| s.as_str().to_owned())),
        Param::Text(to.as_str().to_owned()),
        Param::Text(event.to_owned()),
        Param::Text(change.performed_by.to_owned()),
        Param::OptText(change.worker_uuid.map(str::to_owned)),
        Param::Int(attempt),
        Param::OptInt(change.execution_us),
        Param::OptText(change.results.map(|r| Value::Object(r.clone()).to_string())),
        Param::OptText(change.error.map(serde_json::to_string).transpose()?),
        Param::Text(change.reason.to_owned()),
        Param::Int(now),
    ])
}

pub(crate) const STEP_TRANSITION_INSERT: &str = "INSERT INTO step_transitions (transition_uuid, step_uuid, task_uuid, from_state, to_state, \
     event, performed_by, worker_uuid, attempt, execution_us, results, error, reason, occurred_at) VALUES";
