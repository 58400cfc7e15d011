//! The worker protocol: registration, claims with leases, heartbeats,
//! results, failures with retries; operator resolutions; and the timers that
//! make retried and abandoned steps claimable again.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Map, Value};
use sqlx::Row;
use sqlx::any::AnyRow;
use tasker_core::machine::StepEvent;
use tasker_core::{StepState, TaskState};

use crate::engine::Param;
use crate::engine::{
    STEP_COLUMNS, StepChange, Transitions, Tx, load_steps, placeholders, step_from_row,
    step_transition,
};
use crate::model::{
    ClaimedStepRecord, FailOutcome, LeaseRecord, Resolution, StepErrorRecord, StepRecord,
    WorkerRecord,
};
use crate::script::Script;
use crate::{Backend, Store, StoreError, now_us};

/// How stale a polling worker's last-seen time may get before an empty
/// claim refreshes it (µs).
const LAST_SEEN_REFRESH_US: i64 = 2_000_000;

fn micros(duration: Duration) -> i64 {
    i64::try_from(duration.as_micros()).unwrap_or(i64::MAX)
}

/// What a claim hands out of its step's task: template name and version,
/// context, and the trace context it was created in.
type TaskOfClaim = (String, String, Map<String, Value>, Option<String>);

impl Store {
    /// The body of [`Store::register_worker`], which runs it detached (`writes.rs`).
    pub(crate) async fn register_worker_inner(
        &self,
        worker: &WorkerRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO workers (worker_uuid, name, namespaces, handlers, max_concurrency, version, registered_by, \
             registered_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(&worker.worker_uuid)
        .bind(&worker.name)
        .bind(serde_json::to_string(&worker.namespaces)?)
        .bind(serde_json::to_string(&worker.handlers)?)
        .bind(worker.max_concurrency)
        .bind(&worker.version)
        .bind(&worker.registered_by)
        .bind(worker.registered_at)
        .execute(tx.conn())
        .await?;
        tx.commit().await
    }

    /// A registered (not deregistered) worker.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn get_worker(&self, worker_uuid: &str) -> Result<Option<WorkerRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT worker_uuid, name, namespaces, handlers, max_concurrency, version, registered_by, registered_at, last_seen_at \
             FROM workers WHERE worker_uuid = $1 AND deregistered_at IS NULL",
        )
        .bind(worker_uuid)
        .fetch_optional(self.read.get())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(WorkerRecord {
            worker_uuid: row.try_get("worker_uuid")?,
            name: row.try_get("name")?,
            namespaces: serde_json::from_str(&row.try_get::<String, _>("namespaces")?)?,
            handlers: serde_json::from_str(&row.try_get::<String, _>("handlers")?)?,
            max_concurrency: row.try_get("max_concurrency")?,
            version: row.try_get("version")?,
            registered_by: row.try_get("registered_by")?,
            registered_at: row.try_get("registered_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
        }))
    }

    /// The body of [`Store::deregister_worker`], which runs it detached (`writes.rs`).
    pub(crate) async fn deregister_worker_inner(
        &self,
        worker_uuid: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.writer.begin().await?;
        let now = now_us();
        let updated = sqlx::query("UPDATE workers SET deregistered_at = $1 WHERE worker_uuid = $2 AND deregistered_at IS NULL")
            .bind(now)
            .bind(worker_uuid)
            .execute(tx.conn())
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("worker", worker_uuid));
        }
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STEP_COLUMNS} FROM steps WHERE worker_uuid = $1 AND state = 'in_progress'"
        )))
        .bind(worker_uuid)
        .fetch_all(tx.conn())
        .await?;
        let mut released = 0;
        for row in &rows {
            let mut step = step_from_row(row)?;
            release(&mut tx, &mut step, "worker deregistered").await?;
            released += 1;
        }
        tx.commit().await?;
        self.announce([], released > 0);
        Ok(released)
    }

    /// The body of [`Store::claim_steps`], which runs it detached (`writes.rs`).
    pub(crate) async fn claim_steps_inner(
        &self,
        worker_uuid: &str,
        namespaces: &[String],
        handlers: &[String],
        limit: i64,
        lease: Duration,
    ) -> Result<Vec<ClaimedStepRecord>, StoreError> {
        if namespaces.is_empty() || handlers.is_empty() || limit <= 0 {
            return Ok(Vec::new());
        }
        // Idle polls stay off the writer: look first, on a reader, and write
        // only to claim, or to refresh the worker's last-seen time now and then.
        let probe = format!(
            "SELECT (SELECT last_seen_at FROM workers WHERE worker_uuid = $1) AS seen, \
             CASE WHEN EXISTS (SELECT 1 FROM steps WHERE state = 'enqueued' AND namespace IN ({}) AND handler IN ({})) \
             THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS ready",
            placeholders(2, namespaces.len()),
            placeholders(2 + namespaces.len(), handlers.len()),
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(probe)).bind(worker_uuid);
        for value in namespaces.iter().chain(handlers) {
            query = query.bind(value);
        }
        let probe = query.fetch_one(self.read.get()).await?;
        let seen: Option<i64> = probe.try_get("seen")?;
        let ready: i64 = probe.try_get("ready")?;
        if ready == 0 {
            let now = now_us();
            if seen.is_some_and(|seen| now.saturating_sub(seen) >= LAST_SEEN_REFRESH_US) {
                let mut tx = self.writer.begin_relaxed().await?;
                sqlx::query("UPDATE workers SET last_seen_at = $1 WHERE worker_uuid = $2")
                    .bind(now)
                    .bind(worker_uuid)
                    .execute(tx.conn())
                    .await?;
                tx.commit().await?;
            }
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {STEP_COLUMNS} FROM steps WHERE state = 'enqueued' AND namespace IN ({}) AND handler IN ({}) \
             ORDER BY priority DESC, step_uuid LIMIT ${}{}",
            placeholders(1, namespaces.len()),
            placeholders(1 + namespaces.len(), handlers.len()),
            1 + namespaces.len() + handlers.len(),
            self.skip_locked()
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in namespaces.iter().chain(handlers) {
            query = query.bind(value);
        }
        let (mut tx, rows) = self.writer.begin_reading(false, query.bind(limit)).await?;
        let now = now_us();
        let expires = now.saturating_add(micros(lease));
        let in_progress = StepState::Enqueued.on(StepEvent::Claim)?;
        let mut steps = Vec::with_capacity(rows.len());
        for row in &rows {
            let step = step_from_row(row)?;
            let claim_uuid = tasker_core::new_uuid().to_string();
            steps.push((step, claim_uuid));
        }
        let claimed = self
            .claim_all(&mut tx, worker_uuid, steps, in_progress, now, expires)
            .await?;
        tx.commit().await?;
        self.announce(claimed.iter().map(|c| c.step.task_uuid.clone()), false);
        Ok(claimed)
    }

    /// Claims `steps` (read as `enqueued` in this transaction) for the
    /// worker: one UPDATE for all of them (state, attempt and lease in the
    /// same statement), one INSERT of their transitions, and one read of
    /// their tasks' context and their dependencies' results.
    async fn claim_all(
        &self,
        tx: &mut Tx,
        worker_uuid: &str,
        steps: Vec<(StepRecord, String)>,
        in_progress: StepState,
        now: i64,
        expires: i64,
    ) -> Result<Vec<ClaimedStepRecord>, StoreError> {
        let mut script = Script::default();
        script.push(
            "UPDATE workers SET last_seen_at = $1 WHERE worker_uuid = $2",
            vec![Param::Int(now), Param::Text(worker_uuid.to_owned())],
        );
        if steps.is_empty() {
            script.run(tx).await?;
            return Ok(Vec::new());
        }
        self.claim_in(&mut script, worker_uuid, &steps, in_progress, now, expires)?;
        // The context read is the script's last statement.
        let context = script
            .run(tx)
            .await?
            .pop()
            .map(|outcome| outcome.rows)
            .unwrap_or_default();
        let mut contexts: HashMap<String, TaskOfClaim> = HashMap::new();
        let mut results: HashMap<(String, String), Map<String, Value>> = HashMap::new();
        for row in context {
            let kind: i64 = row.try_get("kind")?;
            let task_uuid: String = row.try_get("task_uuid")?;
            let name: String = row.try_get("name")?;
            let data: Option<String> = row.try_get("data")?;
            let data = data
                .as_deref()
                .map(crate::engine::json_object)
                .transpose()?
                .unwrap_or_default();
            if kind == 0 {
                let version: Option<String> = row.try_get("version")?;
                let trace: Option<String> = row.try_get("trace")?;
                contexts.insert(task_uuid, (name, version.unwrap_or_default(), data, trace));
            } else {
                results.insert((task_uuid, name), data);
            }
        }
        steps
            .into_iter()
            .map(|(mut step, claim_uuid)| {
                step.attempts += 1;
                step.state = in_progress;
                step.updated_at = now;
                step.claim_uuid = Some(claim_uuid.clone());
                step.worker_uuid = Some(worker_uuid.to_owned());
                step.lease_expires_at = Some(expires);
                step.last_attempted_at = Some(now);
                step.next_retry_at = None;
                let (task_name, task_version, task_context, traceparent) = contexts
                    .get(&step.task_uuid)
                    .cloned()
                    .ok_or_else(|| StoreError::not_found("task", step.task_uuid.clone()))?;
                let dependency_results = step
                    .depends_on
                    .iter()
                    .filter_map(|name| {
                        results
                            .get(&(step.task_uuid.clone(), name.clone()))
                            .map(|r| (name.clone(), r.clone()))
                    })
                    .collect();
                Ok(ClaimedStepRecord {
                    claim_uuid,
                    task_name,
                    task_version,
                    task_context,
                    dependency_results,
                    traceparent,
                    step,
                })
            })
            .collect()
    }

    /// Adds to `script` the claim of `steps` (read as `enqueued` under this
    /// write's lock, so every one of them must change): one UPDATE for all
    /// of them (state, attempt and lease in the same statement), one INSERT
    /// of their transitions, and one read of their tasks' context and their
    /// dependencies' results, the script's last statement.
    fn claim_in(
        &self,
        script: &mut Script,
        worker_uuid: &str,
        steps: &[(StepRecord, String)],
        in_progress: StepState,
        now: i64,
        expires: i64,
    ) -> Result<(), StoreError> {
        let n = steps.len();
        // $1 state, $2 now, $3 worker, $4 lease; then (step, claim) pairs
        // for the CASE; then the steps again for the IN list.
        let cases: String = (0..n)
            .map(|i| format!(" WHEN ${} THEN ${}", 5 + 2 * i, 6 + 2 * i))
            .collect();
        let sql = format!(
            "UPDATE steps SET state = $1, updated_at = $2, attempts = attempts + 1, claim_uuid = CASE step_uuid{cases} END, \
             worker_uuid = $3, lease_expires_at = $4, last_attempted_at = $2, next_retry_at = NULL \
             WHERE state = 'enqueued' AND step_uuid IN ({})",
            placeholders(5 + 2 * n, n)
        );
        let mut params = Vec::with_capacity(4 + 3 * n);
        params.push(Param::Text(in_progress.as_str().to_owned()));
        params.push(Param::Int(now));
        params.push(Param::Text(worker_uuid.to_owned()));
        params.push(Param::Int(expires));
        for (step, claim_uuid) in steps {
            params.push(Param::Text(step.step_uuid.clone()));
            params.push(Param::Text(claim_uuid.clone()));
        }
        for (step, _) in steps {
            params.push(Param::Text(step.step_uuid.clone()));
        }
        script.push_expecting(
            sql,
            params,
            n as u64,
            "steps being claimed changed concurrently; retry the claim",
        );
        let change = StepChange {
            performed_by: worker_uuid,
            worker_uuid: Some(worker_uuid),
            ..StepChange::default()
        };
        let mut transitions = Vec::with_capacity(n);
        for (step, _) in steps {
            transitions.push(crate::engine::step_transition_row(
                &step.step_uuid,
                &step.task_uuid,
                step.attempts + 1,
                Some(step.state),
                in_progress,
                StepEvent::Claim.as_str(),
                &change,
                now,
            )?);
        }
        script.insert_rows(crate::engine::STEP_TRANSITION_INSERT, 14, transitions, "");
        // The tasks' context and the dependencies' results in one read:
        // kind 0 rows are tasks (name, version, context), kind 1 rows are
        // dependency steps (name, results).
        let mut tasks: Vec<&str> = Vec::new();
        let mut dependencies: Vec<(&str, &str)> = Vec::new();
        for (step, _) in steps {
            if !tasks.contains(&step.task_uuid.as_str()) {
                tasks.push(&step.task_uuid);
            }
            for dependency in &step.depends_on {
                let key = (step.task_uuid.as_str(), dependency.as_str());
                if !dependencies.contains(&key) {
                    dependencies.push(key);
                }
            }
        }
        let mut sql = format!(
            "SELECT CAST(0 AS BIGINT) AS kind, task_uuid, name, version, context AS data, traceparent AS trace FROM tasks WHERE task_uuid IN ({})",
            placeholders(1, tasks.len())
        );
        if !dependencies.is_empty() {
            let pairs: Vec<String> = (0..dependencies.len())
                .map(|i| {
                    let at = 1 + tasks.len() + 2 * i;
                    format!("(task_uuid = ${at} AND name = ${})", at + 1)
                })
                .collect();
            sql.push_str(&format!(
                " UNION ALL SELECT CAST(1 AS BIGINT) AS kind, task_uuid, name, CAST(NULL AS TEXT) AS version, results AS data, \
                 CAST(NULL AS TEXT) AS trace FROM steps WHERE {}",
                pairs.join(" OR ")
            ));
        }
        let mut params: Vec<Param> = tasks.iter().map(|t| Param::Text((*t).to_owned())).collect();
        for (task, name) in &dependencies {
            params.push(Param::Text((*task).to_owned()));
            params.push(Param::Text((*name).to_owned()));
        }
        script.push_read(sql, params);
        Ok(())
    }

    /// The body of [`Store::heartbeat`], which runs it detached (`writes.rs`).
    pub(crate) async fn heartbeat_inner(
        &self,
        worker_uuid: &str,
        claims: &[String],
        lease: Duration,
    ) -> Result<Vec<LeaseRecord>, StoreError> {
        let now = now_us();
        let expires = now.saturating_add(micros(lease));
        let mut tx = self.writer.begin_relaxed().await?;
        let mut out = Vec::with_capacity(claims.len());
        for claim in claims {
            let updated = sqlx::query(
                "UPDATE steps SET lease_expires_at = $1 WHERE claim_uuid = $2 AND worker_uuid = $3 AND state = 'in_progress' \
                 AND lease_expires_at >= $4 AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.task_uuid = steps.task_uuid AND t.state = 'cancelled')",
            )
            .bind(expires)
            .bind(claim)
            .bind(worker_uuid)
            .bind(now)
            .execute(tx.conn())
            .await?;
            if updated.rows_affected() == 1 {
                out.push(LeaseRecord {
                    claim_uuid: claim.clone(),
                    expires_at: Some(expires),
                    reason: String::new(),
                });
            } else {
                let cancelled: Option<String> = sqlx::query_scalar(
                    "SELECT t.state FROM steps s JOIN tasks t ON t.task_uuid = s.task_uuid WHERE s.claim_uuid = $1",
                )
                .bind(claim)
                .fetch_optional(tx.conn())
                .await?;
                let reason = match cancelled.as_deref() {
                    Some("cancelled") => "task_cancelled",
                    Some(_) => "expired",
                    None => "unknown_claim",
                };
                out.push(LeaseRecord {
                    claim_uuid: claim.clone(),
                    expires_at: None,
                    reason: reason.into(),
                });
            }
        }
        sqlx::query("UPDATE workers SET last_seen_at = $1 WHERE worker_uuid = $2")
            .bind(now)
            .bind(worker_uuid)
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Starts a durable write on the step held under `claim_uuid` by
    /// `worker_uuid`, and reads it with its task's state and every step of
    /// the task (in declaration order; `results` read for the held step
    /// only): on SQLite one exchange, transaction control included, since
    /// its single writer already serialises the task; on PostgreSQL the task
    /// row is locked first, so concurrent results of one task queue there
    /// instead of upgrading locks into a deadlock, and the steps are read
    /// after the lock is held.
    async fn begin_held(
        &self,
        worker_uuid: &str,
        claim_uuid: &str,
    ) -> Result<(Tx, Held), StoreError> {
        let read = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT t.state AS task_state, {} FROM tasks t JOIN steps s ON s.task_uuid = t.task_uuid \
             WHERE t.task_uuid = (SELECT task_uuid FROM steps WHERE claim_uuid = $1) ORDER BY s.position",
            crate::engine::joined_step_columns()
        )))
        .bind(claim_uuid.to_owned());
        let (tx, rows) = match self.backend {
            Backend::Sqlite => self.writer.begin_reading(true, read).await?,
            Backend::Postgres => {
                let lock = sqlx::query(
                    "SELECT 1 FROM tasks WHERE task_uuid = (SELECT task_uuid FROM steps WHERE claim_uuid = $1) FOR UPDATE",
                )
                .bind(claim_uuid.to_owned());
                let (mut tx, _) = self.writer.begin_reading(true, lock).await?;
                let rows = read.fetch_all(tx.conn()).await?;
                (tx, rows)
            }
        };
        // On an error the dropped write is rolled back (`writer.rs`).
        let held = held_from_rows(&rows, worker_uuid, claim_uuid)?;
        Ok((tx, held))
    }
}

/// The held step and its task, from the rows [`Store::begin_held`] read.
fn held_from_rows(
    rows: &[AnyRow],
    worker_uuid: &str,
    claim_uuid: &str,
) -> Result<Held, StoreError> {
    let not_held = || {
        StoreError::StateConflict(format!(
            "claim {claim_uuid} is not held: its lease expired and the step was claimed again, or it never existed"
        ))
    };
    let task_state: TaskState = rows
        .first()
        .ok_or_else(not_held)?
        .try_get::<String, _>("task_state")?
        .parse()?;
    let steps = rows
        .iter()
        .map(step_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    let at = steps
        .iter()
        .position(|s| s.claim_uuid.as_deref() == Some(claim_uuid))
        .ok_or_else(not_held)?;
    let step = &steps[at];
    if step.worker_uuid.as_deref() != Some(worker_uuid) {
        return Err(StoreError::StateConflict(format!(
            "claim {claim_uuid} is not held by worker {worker_uuid}"
        )));
    }
    if step.state != StepState::InProgress || step.lease_expires_at.is_none_or(|e| e < now_us()) {
        return Err(StoreError::StateConflict(format!(
            "the lease of claim {claim_uuid} expired or was released; the result was not recorded"
        )));
    }
    Ok(Held {
        task_state,
        steps,
        at,
    })
}

impl Store {
    /// A result for a step whose task was cancelled while it ran: the step is
    /// recorded as cancelled (its claim released, the result not applied),
    /// and the answer shows it so.
    async fn cancel_late(
        &self,
        mut tx: Tx,
        mut step: StepRecord,
        worker_uuid: &str,
    ) -> Result<StepRecord, StoreError> {
        let change = StepChange {
            performed_by: worker_uuid,
            worker_uuid: Some(worker_uuid),
            reason: "task cancelled while the step ran; its result was not applied",
            ..StepChange::default()
        };
        step_transition(&mut tx, &mut step, StepEvent::Cancel, &change).await?;
        sqlx::query(
            "UPDATE steps SET claim_uuid = NULL, lease_expires_at = NULL, completed_at = $1 WHERE step_uuid = $2",
        )
        .bind(now_us())
        .bind(&step.step_uuid)
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        self.announce([step.task_uuid.clone()], false);
        self.get_step(&step.task_uuid, &step.step_uuid)
            .await?
            .ok_or_else(|| StoreError::not_found("step", ""))
    }

    /// The body of [`Store::complete_step`], which runs it detached
    /// (`writes.rs`): the held step and its task read together, one UPDATE
    /// of the step (state, results, claim released), the task re-evaluated
    /// from the steps already read, the transition rows in one INSERT per
    /// table.
    pub(crate) async fn complete_step_inner(
        &self,
        worker_uuid: &str,
        claim_uuid: &str,
        results: &Map<String, Value>,
        execution: Option<Duration>,
    ) -> Result<StepRecord, StoreError> {
        let (
            tx,
            Held {
                task_state,
                mut steps,
                at,
            },
        ) = self.begin_held(worker_uuid, claim_uuid).await?;
        if task_state == TaskState::Cancelled {
            let step = steps.swap_remove(at);
            return self.cancel_late(tx, step, worker_uuid).await;
        }
        let now = now_us();
        let mut transitions = Transitions::default();
        let step = &mut steps[at];
        let reported = step.state.on(StepEvent::ReportSuccess)?;
        let complete = reported.on(StepEvent::Complete)?;
        let mut script = Script::default();
        script.push_expecting(
            "UPDATE steps SET state = $1, results = $2, completed_at = $3, updated_at = $3, claim_uuid = NULL, \
             lease_expires_at = NULL WHERE step_uuid = $4 AND state = $5",
            vec![
                Param::Text(complete.as_str().to_owned()),
                Param::Text(Value::Object(results.clone()).to_string()),
                Param::Int(now),
                Param::Text(step.step_uuid.clone()),
                Param::Text(step.state.as_str().to_owned()),
            ],
            1,
            changed_concurrently(&step.step_uuid),
        );
        let change = StepChange {
            performed_by: worker_uuid,
            worker_uuid: Some(worker_uuid),
            execution_us: execution.map(micros),
            results: Some(results),
            ..StepChange::default()
        };
        transitions.step(
            step,
            step.state,
            reported,
            StepEvent::ReportSuccess,
            &change,
            now,
        )?;
        transitions.step(step, reported, complete, StepEvent::Complete, &SYSTEM, now)?;
        step.state = complete;
        step.results = Some(results.clone());
        step.completed_at = Some(now);
        let held = Held {
            task_state,
            steps,
            at,
        };
        self.settle_result(tx, script, transitions, held, worker_uuid, now)
            .await
    }

    /// The end every result shares: the held step (already changed) lets go
    /// of its lease, the task is re-evaluated from the steps read, the
    /// transitions go into the script, which runs, and the write commits;
    /// claimers are woken only when a step became claimable.
    async fn settle_result(
        &self,
        mut tx: Tx,
        mut script: Script,
        mut transitions: Transitions,
        held: Held,
        worker_uuid: &str,
        now: i64,
    ) -> Result<StepRecord, StoreError> {
        let Held {
            task_state,
            mut steps,
            at,
        } = held;
        let step = &mut steps[at];
        step.updated_at = now;
        step.claim_uuid = None;
        step.lease_expires_at = None;
        let record = step.clone();
        let evaluated = self
            .reevaluate_loaded(
                &mut tx,
                &mut script,
                &record.task_uuid,
                task_state,
                &mut steps,
                worker_uuid,
                &mut transitions,
            )
            .await?;
        transitions.insert_in(&mut script);
        script.run(&mut tx).await?;
        tx.commit().await?;
        self.announce([record.task_uuid.clone()], evaluated.enqueued > 0);
        Ok(record)
    }

    /// The body of [`Store::fail_step`], which runs it detached
    /// (`writes.rs`), in as many statements as a result (see
    /// [`Store::complete_step_inner`]).
    pub(crate) async fn fail_step_inner(
        &self,
        worker_uuid: &str,
        claim_uuid: &str,
        error: &StepErrorRecord,
        execution: Option<Duration>,
        retry_after: Option<Duration>,
    ) -> Result<FailOutcome, StoreError> {
        let (
            tx,
            Held {
                task_state,
                mut steps,
                at,
            },
        ) = self.begin_held(worker_uuid, claim_uuid).await?;
        if task_state == TaskState::Cancelled {
            let step = steps.swap_remove(at);
            let step = self.cancel_late(tx, step, worker_uuid).await?;
            return Ok(FailOutcome {
                step,
                will_retry: false,
            });
        }
        let now = now_us();
        let mut transitions = Transitions::default();
        let step = &mut steps[at];
        let reported = step.state.on(StepEvent::ReportFailure)?;
        let attempts = u32::try_from(step.attempts).unwrap_or(u32::MAX);
        let will_retry = step.retry.should_retry(attempts, error.retryable);
        let (settle, next_retry_at) = if will_retry {
            let delay =
                step.retry
                    .backoff_with_retry_after(attempts, rand::random::<f64>(), retry_after);
            (
                StepEvent::WaitForRetry,
                Some(now.saturating_add(micros(delay))),
            )
        } else {
            (StepEvent::Fail, None)
        };
        let settled = reported.on(settle)?;
        let mut script = Script::default();
        script.push_expecting(
            "UPDATE steps SET state = $1, last_error = $2, next_retry_at = $3, updated_at = $4, claim_uuid = NULL, \
             lease_expires_at = NULL WHERE step_uuid = $5 AND state = $6",
            vec![
                Param::Text(settled.as_str().to_owned()),
                Param::Text(serde_json::to_string(error)?),
                Param::OptInt(next_retry_at),
                Param::Int(now),
                Param::Text(step.step_uuid.clone()),
                Param::Text(step.state.as_str().to_owned()),
            ],
            1,
            changed_concurrently(&step.step_uuid),
        );
        let change = StepChange {
            performed_by: worker_uuid,
            worker_uuid: Some(worker_uuid),
            execution_us: execution.map(micros),
            error: Some(error),
            ..StepChange::default()
        };
        transitions.step(
            step,
            step.state,
            reported,
            StepEvent::ReportFailure,
            &change,
            now,
        )?;
        transitions.step(step, reported, settled, settle, &SYSTEM, now)?;
        step.state = settled;
        step.last_error = Some(error.clone());
        step.next_retry_at = next_retry_at;
        let held = Held {
            task_state,
            steps,
            at,
        };
        let step = self
            .settle_result(tx, script, transitions, held, worker_uuid, now)
            .await?;
        Ok(FailOutcome { step, will_retry })
    }

    /// The body of [`Store::resolve_step`], which runs it detached (`writes.rs`).
    pub(crate) async fn resolve_step_inner(
        &self,
        task_uuid: &str,
        step_uuid: &str,
        resolution: &Resolution,
        performed_by: &str,
        reason: &str,
    ) -> Result<StepRecord, StoreError> {
        let mut tx = self.writer.begin().await?;
        let task_state = crate::engine::task_state(&mut tx, task_uuid).await?;
        if task_state.is_terminal() {
            return Err(StoreError::StateConflict(format!(
                "task {task_uuid} is {task_state}; its steps can no longer change"
            )));
        }
        let mut step = load_steps(&mut tx, task_uuid)
            .await?
            .into_iter()
            .find(|s| s.step_uuid == step_uuid)
            .ok_or_else(|| {
                StoreError::not_found("step", format!("{step_uuid} of task {task_uuid}"))
            })?;
        let (event, results) = match resolution {
            Resolution::ResetForRetry => (StepEvent::ResetForRetry, None),
            Resolution::ResolveManually => (StepEvent::ResolveManually, None),
            Resolution::CompleteManually(results) => (StepEvent::CompleteManually, Some(results)),
        };
        let change = StepChange {
            performed_by,
            results,
            reason,
            ..StepChange::default()
        };
        step_transition(&mut tx, &mut step, event, &change).await?;
        let now = now_us();
        match resolution {
            Resolution::ResetForRetry => {
                sqlx::query("UPDATE steps SET attempts = 0, next_retry_at = NULL, claim_uuid = NULL WHERE step_uuid = $1")
                    .bind(step_uuid)
                    .execute(tx.conn())
                    .await?;
            }
            Resolution::ResolveManually | Resolution::CompleteManually(_) => {
                sqlx::query("UPDATE steps SET results = $1, completed_at = $2, claim_uuid = NULL WHERE step_uuid = $3")
                    .bind(results.map(|r| Value::Object(r.clone()).to_string()))
                    .bind(now)
                    .bind(step_uuid)
                    .execute(tx.conn())
                    .await?;
            }
        }
        // The step's dead-letter entries (and the task's own, which name no
        // step) are settled by the same hand, in the same transaction.
        let action = match resolution {
            Resolution::ResetForRetry => "reset for retry",
            Resolution::ResolveManually => "resolved manually",
            Resolution::CompleteManually(_) => "completed manually",
        };
        let note = format!("step {step_uuid} {action} by {performed_by}: {reason}");
        sqlx::query(
            "UPDATE dlq_entries SET resolution_status = 'manually_resolved', resolved_by = $1,              resolved_at = $2, updated_at = $2,              resolution_notes = CASE WHEN resolution_notes = '' THEN $3 ELSE resolution_notes || '; ' || $3 END              WHERE task_uuid = $4 AND resolution_status = 'pending' AND (step_uuid = $5 OR step_uuid IS NULL)",
        )
        .bind(performed_by)
        .bind(now)
        .bind(&note)
        .bind(task_uuid)
        .bind(step_uuid)
        .execute(tx.conn())
        .await?;
        self.reevaluate_in(&mut tx, task_uuid, performed_by).await?;
        tx.commit().await?;
        self.announce([task_uuid.to_owned()], true);
        self.get_step(task_uuid, step_uuid)
            .await?
            .ok_or_else(|| StoreError::not_found("step", ""))
    }

    /// The body of [`Store::run_timers`], which runs it detached (`writes.rs`).
    pub(crate) async fn run_timers_inner(&self, batch: i64) -> Result<usize, StoreError> {
        let now = now_us();
        // Read before writing: most passes find nothing due, and then open
        // no write transaction (on SQLite, take no turn of the writer).
        let due: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM steps WHERE state = 'waiting_for_retry' \
             AND next_retry_at <= $1 LIMIT 1) r) + (SELECT COUNT(*) FROM (SELECT 1 FROM steps \
             WHERE state = 'in_progress' AND lease_expires_at < $2 LIMIT 1) l)",
        )
        .bind(now)
        .bind(now)
        .fetch_one(self.read.get())
        .await?;
        if due == 0 {
            return Ok(0);
        }
        let mut tx = self.writer.begin_relaxed().await?;
        let due = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STEP_COLUMNS} FROM steps WHERE state = 'waiting_for_retry' AND next_retry_at <= $1 \
             ORDER BY next_retry_at LIMIT $2{}",
            self.skip_locked()
        )))
        .bind(now)
        .bind(batch)
        .fetch_all(tx.conn())
        .await?;
        let expired = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STEP_COLUMNS} FROM steps WHERE state = 'in_progress' AND lease_expires_at < $1 \
             ORDER BY lease_expires_at LIMIT $2{}",
            self.skip_locked()
        )))
        .bind(now)
        .bind(batch)
        .fetch_all(tx.conn())
        .await?;
        let mut tasks = Vec::new();
        for row in &due {
            let mut step = step_from_row(row)?;
            let change = StepChange {
                performed_by: "system",
                reason: "retry backoff elapsed",
                ..StepChange::default()
            };
            step_transition(&mut tx, &mut step, StepEvent::Retry, &change).await?;
            tasks.push(step.task_uuid);
        }
        for row in &expired {
            let mut step = step_from_row(row)?;
            if step.attempts < step.max_attempts {
                release(&mut tx, &mut step, "lease expired").await?;
            } else {
                let error = StepErrorRecord {
                    message: "the worker's lease expired and no attempts are left".into(),
                    error_class: "LeaseExpired".into(),
                    retryable: true,
                    details: None,
                };
                let change = StepChange {
                    performed_by: "system",
                    error: Some(&error),
                    reason: "lease expired",
                    ..StepChange::default()
                };
                step_transition(&mut tx, &mut step, StepEvent::ReportFailure, &change).await?;
                settle_failure(&mut tx, &mut step, &error, None).await?;
            }
            tasks.push(step.task_uuid);
        }
        tasks.sort();
        tasks.dedup();
        for task in &tasks {
            self.reevaluate_in(&mut tx, task, "system").await?;
        }
        tx.commit().await?;
        let changed = due.len() + expired.len();
        if changed > 0 {
            self.announce(tasks, true);
        }
        Ok(changed)
    }
}

/// What [`Store::held_claim`] read.
struct Held {
    task_state: TaskState,
    /// Every step of the task, in declaration order.
    steps: Vec<StepRecord>,
    /// The held step's index in `steps`.
    at: usize,
}

/// The transitions the orchestrator itself makes.
const SYSTEM: StepChange<'static> = StepChange {
    performed_by: "system",
    worker_uuid: None,
    execution_us: None,
    results: None,
    error: None,
    reason: "",
};

/// The error of a compare-and-set on a step that found it changed.
fn changed_concurrently(step_uuid: &str) -> String {
    format!("step {step_uuid} changed concurrently; retry the request")
}

/// A released lease: the step is claimable again.
async fn release(tx: &mut Tx, step: &mut StepRecord, reason: &str) -> Result<(), StoreError> {
    let worker = step.worker_uuid.clone();
    let change = StepChange {
        performed_by: "system",
        worker_uuid: worker.as_deref(),
        reason,
        ..StepChange::default()
    };
    step_transition(tx, step, StepEvent::LeaseExpired, &change).await?;
    sqlx::query("UPDATE steps SET claim_uuid = NULL, worker_uuid = NULL, lease_expires_at = NULL WHERE step_uuid = $1")
        .bind(&step.step_uuid)
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// After a reported failure: schedule a retry or error the step.
async fn settle_failure(
    tx: &mut Tx,
    step: &mut StepRecord,
    error: &StepErrorRecord,
    retry_after: Option<Duration>,
) -> Result<bool, StoreError> {
    let attempts = u32::try_from(step.attempts).unwrap_or(u32::MAX);
    let will_retry = step.retry.should_retry(attempts, error.retryable);
    let quiet = StepChange {
        performed_by: "system",
        ..StepChange::default()
    };
    let next_retry_at = if will_retry {
        let delay =
            step.retry
                .backoff_with_retry_after(attempts, rand::random::<f64>(), retry_after);
        step_transition(tx, step, StepEvent::WaitForRetry, &quiet).await?;
        Some(now_us().saturating_add(micros(delay)))
    } else {
        step_transition(tx, step, StepEvent::Fail, &quiet).await?;
        None
    };
    sqlx::query(
        "UPDATE steps SET last_error = $1, next_retry_at = $2, claim_uuid = NULL, lease_expires_at = NULL WHERE step_uuid = $3",
    )
    .bind(serde_json::to_string(error)?)
    .bind(next_retry_at)
    .bind(&step.step_uuid)
    .execute(tx.conn())
    .await?;
    step.next_retry_at = next_retry_at;
    Ok(will_retry)
}

impl Store {
    /// Claims `worker_uuid` still holds on steps of cancelled tasks — of
    /// `task_uuid` only, when given. Their attempts should stop; a result
    /// reported for one is recorded as cancelled.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn cancelled_claims(
        &self,
        worker_uuid: &str,
        task_uuid: Option<&str>,
    ) -> Result<Vec<String>, StoreError> {
        let of_task = if task_uuid.is_some() {
            " AND s.task_uuid = $2"
        } else {
            ""
        };
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT s.claim_uuid FROM steps s JOIN tasks t ON t.task_uuid = s.task_uuid \
             WHERE s.worker_uuid = $1 AND s.claim_uuid IS NOT NULL AND s.state = 'in_progress' \
             AND t.state = 'cancelled'{of_task}"
        )))
        .bind(worker_uuid);
        if let Some(task_uuid) = task_uuid {
            rows = rows.bind(task_uuid);
        }
        let rows = rows.fetch_all(self.read.get()).await?;
        rows.iter()
            .map(|r| r.try_get("claim_uuid").map_err(StoreError::from))
            .collect()
    }

    /// Namespace of the step currently held under `claim_uuid`; `None` when
    /// no step holds that claim.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn claim_namespace(&self, claim_uuid: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT namespace FROM steps WHERE claim_uuid = $1")
            .bind(claim_uuid)
            .fetch_optional(self.read.get())
            .await?;
        row.map(|r| r.try_get("namespace").map_err(StoreError::from))
            .transpose()
    }
}
