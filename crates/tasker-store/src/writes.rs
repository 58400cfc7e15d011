//! The store's write operations, as callers see them.
//!
//! Each one runs its database part on a task of its own (`Store::detached`) and
//! awaits it there. Dropping the caller's future — a client that went away, a
//! connection reset, a deadline — therefore never stops a write between two
//! statements that belong together (`BEGIN` and the bookkeeping that records
//! it, a savepoint and its release, a commit and the announcement that
//! follows it): the write finishes, committed or rolled back, and the
//! connection and the SQLite batch are left in a known state. The caller only
//! stops waiting for the answer, as if the answer had been lost on the
//! network.
//!
//! The bodies live beside the tables they change (`tasks.rs`, `workers.rs`,
//! …) as private `*_inner` methods; nothing else calls them, so every write a
//! request can start goes through here.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Map, Value};
use tasker_core::{TaskState, Template};

use crate::model::{
    ApiKeyRecord, ClaimedStepRecord, DlqRecord, FailOutcome, LeaseRecord, NewTask, Resolution,
    StepErrorRecord, StepRecord, TaskRecord, TemplateRecord, WorkerRecord,
};
use crate::{Store, StoreError};

impl Store {
    /// Runs `work` to completion on a task of its own and returns its
    /// outcome.
    ///
    /// Dropping the returned future stops only the waiting: the work goes
    /// on (counted in [`Store::writes_in_flight`] until it ends). A panic in
    /// the work is resumed in the caller, as if it had run inline; a runtime
    /// shutting down (the only other way the task ends early) is
    /// [`StoreError::Closed`].
    ///
    /// The work runs in a span `store.write` (a child of the caller's, so of
    /// the request's) named by `operation`, which records the statements and
    /// round trips it sent, how long its commit waited (`commit_wait_ms`)
    /// and its error kind.
    async fn detached<T, F>(&self, operation: &'static str, work: F) -> Result<T, StoreError>
    where
        F: Future<Output = Result<T, StoreError>> + Send + 'static,
        T: Send + 'static,
    {
        use tracing::Instrument as _;
        let span = tracing::info_span!(
            "store.write",
            operation,
            statements = tracing::field::Empty,
            round_trips = tracing::field::Empty,
            commit_wait_ms = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        let in_flight = InFlight::enter(&self.in_flight);
        let running = tokio::spawn(
            async move {
                let _in_flight = in_flight;
                let (outcome, sql) = crate::sql_count::priced(work).await;
                let span = tracing::Span::current();
                span.record("statements", sql.statements);
                span.record("round_trips", sql.round_trips);
                if let Err(error) = &outcome {
                    span.record("error", error.kind());
                }
                outcome
            }
            .instrument(span),
        );
        match running.await {
            Ok(outcome) => outcome,
            Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            Err(_) => Err(StoreError::Closed),
        }
    }

    /// Creates a task from `template`: the task, its steps and their first
    /// transitions, with root steps enqueued, in one durable transaction.
    ///
    /// # Errors
    /// [`StoreError::DuplicateTask`] (carrying the existing task uuid) when the
    /// idempotency identity is taken.
    pub async fn create_task(
        &self,
        task: &NewTask,
        template: &TemplateRecord,
    ) -> Result<TaskRecord, StoreError> {
        let (store, task, template) = (self.clone(), task.clone(), template.clone());
        self.detached("create_task", async move {
            store.create_task_inner(&task, &template).await
        })
        .await
    }

    /// Cancels a task in a non-final state: the task becomes `cancelled` and
    /// every step not claimed by a worker is cancelled too.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], or [`StoreError::Core`] (illegal transition)
    /// for a task in a final state.
    pub async fn cancel_task(
        &self,
        task_uuid: &str,
        performed_by: &str,
        reason: &str,
    ) -> Result<TaskRecord, StoreError> {
        let store = self.clone();
        let (task_uuid, performed_by, reason) = owned3(task_uuid, performed_by, reason);
        self.detached("cancel_task", async move {
            store
                .cancel_task_inner(&task_uuid, &performed_by, &reason)
                .await
        })
        .await
    }

    /// Stores a template version. Returns the stored record and whether it
    /// was new; identical content again is a no-op.
    ///
    /// # Errors
    /// [`StoreError::KeyTaken`] when the version exists with other content.
    pub async fn register_template(
        &self,
        template: &Template,
    ) -> Result<(TemplateRecord, bool), StoreError> {
        let (store, template) = (self.clone(), template.clone());
        self.detached("register_template", async move {
            store.register_template_inner(&template).await
        })
        .await
    }

    /// Registers a worker.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn register_worker(&self, worker: &WorkerRecord) -> Result<(), StoreError> {
        let (store, worker) = (self.clone(), worker.clone());
        self.detached("register_worker", async move {
            store.register_worker_inner(&worker).await
        })
        .await
    }

    /// Deregisters a worker and releases its leases (its steps become
    /// claimable at once). Returns the number of leases released.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown worker.
    pub async fn deregister_worker(&self, worker_uuid: &str) -> Result<i64, StoreError> {
        let (store, worker_uuid) = (self.clone(), worker_uuid.to_owned());
        self.detached("deregister_worker", async move {
            store.deregister_worker_inner(&worker_uuid).await
        })
        .await
    }

    /// Claims up to `limit` enqueued steps of `namespaces` whose handler is in
    /// `handlers`, highest task priority first, each under a new lease.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn claim_steps(
        &self,
        worker_uuid: &str,
        namespaces: &[String],
        handlers: &[String],
        limit: i64,
        lease: Duration,
    ) -> Result<Vec<ClaimedStepRecord>, StoreError> {
        let store = self.clone();
        let (worker_uuid, namespaces, handlers) = (
            worker_uuid.to_owned(),
            namespaces.to_vec(),
            handlers.to_vec(),
        );
        self.detached("claim_steps", async move {
            store
                .claim_steps_inner(&worker_uuid, &namespaces, &handlers, limit, lease)
                .await
        })
        .await
    }

    /// Extends the leases of `claims` held by `worker_uuid`.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn heartbeat(
        &self,
        worker_uuid: &str,
        claims: &[String],
        lease: Duration,
    ) -> Result<Vec<LeaseRecord>, StoreError> {
        let store = self.clone();
        let (worker_uuid, claims) = (worker_uuid.to_owned(), claims.to_vec());
        self.detached("heartbeat", async move {
            store.heartbeat_inner(&worker_uuid, &claims, lease).await
        })
        .await
    }

    /// Records a successful attempt and re-evaluates the task.
    ///
    /// # Errors
    /// [`StoreError::StateConflict`] when the lease is no longer held.
    pub async fn complete_step(
        &self,
        worker_uuid: &str,
        claim_uuid: &str,
        results: &Map<String, Value>,
        execution: Option<Duration>,
    ) -> Result<StepRecord, StoreError> {
        let store = self.clone();
        let (worker_uuid, claim_uuid, results) = (
            worker_uuid.to_owned(),
            claim_uuid.to_owned(),
            results.clone(),
        );
        self.detached("complete_step", async move {
            store
                .complete_step_inner(&worker_uuid, &claim_uuid, &results, execution)
                .await
        })
        .await
    }

    /// Records a failed attempt: the step waits for its backoff when it may be
    /// retried, otherwise it errors (and the task is blocked, opening a
    /// dead-letter entry).
    ///
    /// # Errors
    /// [`StoreError::StateConflict`] when the lease is no longer held.
    pub async fn fail_step(
        &self,
        worker_uuid: &str,
        claim_uuid: &str,
        error: &StepErrorRecord,
        execution: Option<Duration>,
        retry_after: Option<Duration>,
    ) -> Result<FailOutcome, StoreError> {
        let store = self.clone();
        let (worker_uuid, claim_uuid, error) =
            (worker_uuid.to_owned(), claim_uuid.to_owned(), error.clone());
        self.detached("fail_step", async move {
            store
                .fail_step_inner(&worker_uuid, &claim_uuid, &error, execution, retry_after)
                .await
        })
        .await
    }

    /// An operator's resolution of a step, then re-evaluation of the task.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], or [`StoreError::Core`] when the step's state
    /// does not allow the action.
    pub async fn resolve_step(
        &self,
        task_uuid: &str,
        step_uuid: &str,
        resolution: &Resolution,
        performed_by: &str,
        reason: &str,
    ) -> Result<StepRecord, StoreError> {
        let (store, resolution, step_uuid) =
            (self.clone(), resolution.clone(), step_uuid.to_owned());
        let (task_uuid, performed_by, reason) = owned3(task_uuid, performed_by, reason);
        self.detached("resolve_step", async move {
            store
                .resolve_step_inner(&task_uuid, &step_uuid, &resolution, &performed_by, &reason)
                .await
        })
        .await
    }

    /// Makes due retries claimable and releases expired leases (a step whose
    /// attempts are used up errors instead). Returns how many steps changed.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn run_timers(&self, batch: i64) -> Result<usize, StoreError> {
        let store = self.clone();
        self.detached(
            "run_timers",
            async move { store.run_timers_inner(batch).await },
        )
        .await
    }

    /// Updates a dead-letter entry's investigation fields; leaving `pending`
    /// records who and when.
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
        let store = self.clone();
        let (dlq_entry_uuid, performed_by) = (dlq_entry_uuid.to_owned(), performed_by.to_owned());
        let (status, notes, metadata) = (
            status.map(str::to_owned),
            notes.map(str::to_owned),
            metadata.cloned(),
        );
        self.detached("update_dlq_entry", async move {
            store
                .update_dlq_entry_inner(
                    &dlq_entry_uuid,
                    status.as_deref(),
                    notes.as_deref(),
                    metadata.as_ref(),
                    &performed_by,
                )
                .await
        })
        .await
    }

    /// Opens a `staleness_timeout` entry for a task still in `state` (no-op
    /// when it moved on or already has a pending entry). Returns whether one
    /// was opened.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn open_staleness_entry(
        &self,
        task_uuid: &str,
        state: TaskState,
    ) -> Result<bool, StoreError> {
        let (store, task_uuid) = (self.clone(), task_uuid.to_owned());
        self.detached("open_staleness_entry", async move {
            store.open_staleness_entry_inner(&task_uuid, state).await
        })
        .await
    }

    /// Stores a new API key.
    ///
    /// # Errors
    /// [`StoreError::KeyTaken`] when the prefix is taken (generate another
    /// key); [`StoreError::Database`] on storage failure.
    pub async fn insert_api_key(&self, key: &ApiKeyRecord) -> Result<(), StoreError> {
        let (store, key) = (self.clone(), key.clone());
        self.detached("insert_api_key", async move {
            store.insert_api_key_inner(&key).await
        })
        .await
    }

    /// Stores `key` only if no API key is stored yet: the first-start admin
    /// key. Atomic across server instances sharing one database, so of
    /// several servers starting together on an empty database exactly one
    /// creates (and prints) a key. Returns whether `key` was stored.
    ///
    /// # Errors
    /// As [`Store::insert_api_key`].
    pub async fn insert_first_api_key(&self, key: &ApiKeyRecord) -> Result<bool, StoreError> {
        let (store, key) = (self.clone(), key.clone());
        self.detached("insert_first_api_key", async move {
            store.insert_first_api_key_inner(&key).await
        })
        .await
    }

    /// Marks a key revoked at `now` (keeping an earlier revocation's time)
    /// and returns it.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is no such key;
    /// [`StoreError::Database`] on storage failure.
    pub async fn revoke_api_key(
        &self,
        api_key_uuid: &str,
        now: i64,
    ) -> Result<ApiKeyRecord, StoreError> {
        let (store, api_key_uuid) = (self.clone(), api_key_uuid.to_owned());
        self.detached("revoke_api_key", async move {
            store.revoke_api_key_inner(&api_key_uuid, now).await
        })
        .await
    }

    /// Marks a key revoked at `now` and returns it, unless it is the last
    /// active key for which `is_admin` holds (the last key that can manage
    /// every key): checked and written in one transaction, so concurrent
    /// revocations (on any server sharing the database) cannot together
    /// revoke every admin key. Revoking a revoked key returns it unchanged.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is no such key;
    /// [`StoreError::StateConflict`] for the last admin key;
    /// [`StoreError::Database`] on storage failure.
    pub async fn revoke_api_key_unless_last<F>(
        &self,
        api_key_uuid: &str,
        now: i64,
        is_admin: F,
    ) -> Result<ApiKeyRecord, StoreError>
    where
        F: Fn(&ApiKeyRecord) -> bool + Send + Sync + 'static,
    {
        let (store, api_key_uuid) = (self.clone(), api_key_uuid.to_owned());
        self.detached("revoke_api_key_unless_last", async move {
            store
                .revoke_api_key_unless_last_inner(&api_key_uuid, now, &is_admin)
                .await
        })
        .await
    }

    /// Records that a key was used at `now`; writes only when the stored
    /// value is more than a minute older, so verification stays cheap.
    ///
    /// # Errors
    /// [`StoreError::Database`] on storage failure.
    pub async fn touch_api_key(&self, api_key_uuid: &str, now: i64) -> Result<(), StoreError> {
        let (store, api_key_uuid) = (self.clone(), api_key_uuid.to_owned());
        self.detached("touch_api_key", async move {
            store.touch_api_key_inner(&api_key_uuid, now).await
        })
        .await
    }

    /// Checks that the write path works: starts a write, runs a trivial
    /// statement in it and rolls it back. On SQLite this passes through the
    /// grouped writer, so a writer that cannot write fails here even when
    /// reads still work.
    ///
    /// # Errors
    /// The error the write path answers with.
    pub async fn ping_writer(&self) -> Result<(), StoreError> {
        let store = self.clone();
        self.detached("ping_writer", async move {
            let mut tx = store.writer.begin_relaxed().await?;
            sqlx::query("SELECT 1").execute(tx.conn()).await?;
            tx.rollback().await
        })
        .await
    }
}

/// Counts a detached write from its start until its task ends.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn enter(counter: &Arc<AtomicUsize>) -> Self {
        counter.fetch_add(1, Ordering::Relaxed);
        Self(Arc::clone(counter))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn owned3(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.to_owned(), b.to_owned(), c.to_owned())
}
