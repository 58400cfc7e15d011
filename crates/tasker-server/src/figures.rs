//! The metrics the server computes rather than counts as requests pass:
//! figures read from the database every `metrics.sample_seconds`, gauges
//! read at scrape time, and the cached handles of per-template counters.
//!
//! The database figures come from the transition log (tasks finished by
//! template and final state, steps completed, failed and retried, leases
//! expired, how long claimed steps had been ready) and from the current
//! tables (ready steps per namespace, dead-letter entries by reason and
//! resolution, workers seen lately). They are the database's, not this
//! process's: on several servers sharing one PostgreSQL database every
//! server reports the same figures, so they are read on one server only
//! (`metrics.sample_seconds = 0` on the others) or aggregated with `max`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use metrics::{Counter, Gauge};
use tasker_core::NamespaceScope;

use crate::AppState;

/// How far behind the clock the transition windows end: a transition is
/// read by the time its id was made, just before its commit, so the window
/// waits for commits still in flight.
const LAG: Duration = Duration::from_secs(2);

/// Help texts of the figures below.
pub(crate) fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "tasker_tasks_finished_total",
        "Tasks that reached a final state, by namespace, template name and state (database)"
    );
    describe_counter!(
        "tasker_steps_completed_total",
        "Steps completed, by workers or by hand (database)"
    );
    describe_counter!(
        "tasker_steps_failed_total",
        "Steps that failed for good: attempts used up or a permanent failure (database)"
    );
    describe_counter!(
        "tasker_steps_retried_total",
        "Failed attempts scheduled for another attempt, and steps reset for retry by an operator (database)"
    );
    describe_counter!(
        "tasker_leases_expired_total",
        "Claims whose lease ran out without a report; the step became claimable again (database)"
    );
    describe_histogram!(
        "tasker_claim_wait_seconds",
        metrics::Unit::Seconds,
        "How long a step had been ready to claim when a worker claimed it (database)"
    );
    describe_gauge!(
        "tasker_namespace_ready_steps",
        "Steps ready to be claimed, by namespace (database)"
    );
    describe_gauge!(
        "tasker_dlq_entries",
        "Dead-letter entries, by reason and resolution (database)"
    );
    describe_gauge!(
        "tasker_workers_active",
        "Workers registered and seen within two lease periods (database)"
    );
    describe_gauge!(
        "tasker_steps_in_progress",
        "Steps claimed by a worker and not reported yet (database)"
    );
    describe_counter!(
        "tasker_workers_registered_total",
        "Worker registrations this server accepted"
    );
    describe_gauge!(
        "tasker_db_connections",
        "Connections of the read pool, by state (idle, busy)"
    );
    describe_gauge!(
        "tasker_db_max_connections",
        "Most connections the read pool may open"
    );
    describe_counter!(
        "tasker_store_writes_total",
        "Writes committed by this server"
    );
    describe_counter!(
        "tasker_store_commits_total",
        "Commits that carried them (SQLite groups writes; writes / commits is the batch size)"
    );
    describe_counter!(
        "tasker_store_synced_commits_total",
        "Commits that waited for the disk"
    );
    describe_histogram!(
        "tasker_store_batch_writes",
        "Writes carried by each commit (SQLite groups concurrent writes; always 1 on PostgreSQL)"
    );
    describe_histogram!(
        "tasker_store_commit_seconds",
        metrics::Unit::Seconds,
        "How long each COMMIT took, by whether it waited for the disk (synced)"
    );
}

/// Counters keyed by a namespace and a template name, registered once per
/// pair and kept, so counting looks up two strings and allocates nothing
/// once the pair was seen.
#[derive(Debug)]
pub struct TemplateCounters {
    name: &'static str,
    counters: Mutex<HashMap<String, HashMap<String, Counter>>>,
}

impl TemplateCounters {
    /// The counters of metric `name`.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            counters: Mutex::default(),
        }
    }

    /// Adds `n` to the counter of (`namespace`, `template`).
    pub fn add(&self, namespace: &str, template: &str, n: u64) {
        let mut counters = self.counters.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(counter) = counters.get(namespace).and_then(|m| m.get(template)) {
            counter.increment(n);
            return;
        }
        let counter = metrics::counter!(
            self.name,
            "namespace" => namespace.to_owned(),
            "name" => template.to_owned()
        );
        counter.increment(n);
        counters
            .entry(namespace.to_owned())
            .or_default()
            .insert(template.to_owned(), counter);
    }
}

/// Gauges read when the exposition is scraped: cheap, in-memory figures.
#[derive(Debug)]
pub struct ScrapeGauges {
    state: Arc<AppState>,
    writer_queued: Gauge,
    writes_in_flight: Gauge,
    watch_streams: Gauge,
    ready_steps: Gauge,
    idle: Gauge,
    busy: Gauge,
    max_connections: Gauge,
    writes: Counter,
    commits: Counter,
    synced_commits: Counter,
}

impl ScrapeGauges {
    /// The gauges of `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self {
            writer_queued: metrics::gauge!("tasker_writer_queued"),
            writes_in_flight: metrics::gauge!("tasker_writes_in_flight"),
            watch_streams: metrics::gauge!("tasker_watch_streams"),
            ready_steps: metrics::gauge!("tasker_ready_steps"),
            idle: metrics::gauge!("tasker_db_connections", "state" => "idle"),
            busy: metrics::gauge!("tasker_db_connections", "state" => "busy"),
            max_connections: metrics::gauge!("tasker_db_max_connections"),
            writes: metrics::counter!("tasker_store_writes_total"),
            commits: metrics::counter!("tasker_store_commits_total"),
            synced_commits: metrics::counter!("tasker_store_synced_commits_total"),
            state,
        }
    }

    /// Reads every gauge now.
    pub fn refresh(&self) {
        let store = &self.state.store;
        self.writer_queued.set(store.queued_writes() as f64);
        self.writes_in_flight.set(store.writes_in_flight() as f64);
        self.watch_streams
            .set(self.state.auth.open_watch_streams() as f64);
        if self.state.config.workers.max_ready_steps > 0 {
            self.ready_steps.set(self.state.ready_steps() as f64);
        }
        let pool = store.pool_stats();
        self.idle.set(f64::from(pool.idle));
        self.busy
            .set(f64::from(pool.size.saturating_sub(pool.idle)));
        self.max_connections
            .set(f64::from(self.state.config.storage.max_connections));
        let writes = store.write_stats();
        self.writes.absolute(writes.writes);
        self.commits.absolute(writes.commits);
        self.synced_commits.absolute(writes.synced_commits);
    }
}

fn now_ms() -> i64 {
    tasker_store::now_us() / 1000
}

/// Handles of the database figures, registered as their labels appear.
struct Sampled {
    finished: HashMap<(String, String, String), Counter>,
    completed: Counter,
    failed: Counter,
    retried: Counter,
    leases_expired: Counter,
    claim_wait: metrics::Histogram,
    ready: HashMap<String, Gauge>,
    dlq: HashMap<(String, &'static str), Gauge>,
    workers: Gauge,
    in_progress: Gauge,
}

impl Sampled {
    fn new() -> Self {
        Self {
            finished: HashMap::new(),
            completed: metrics::counter!("tasker_steps_completed_total"),
            failed: metrics::counter!("tasker_steps_failed_total"),
            retried: metrics::counter!("tasker_steps_retried_total"),
            leases_expired: metrics::counter!("tasker_leases_expired_total"),
            claim_wait: metrics::histogram!("tasker_claim_wait_seconds"),
            ready: HashMap::new(),
            dlq: HashMap::new(),
            workers: metrics::gauge!("tasker_workers_active"),
            in_progress: metrics::gauge!("tasker_steps_in_progress"),
        }
    }

    fn record(&mut self, figures: &tasker_store::TransitionFigures) {
        for finished in &figures.tasks_finished {
            let key = (
                finished.namespace.clone(),
                finished.name.clone(),
                finished.state.clone(),
            );
            self.finished
                .entry(key)
                .or_insert_with(|| {
                    metrics::counter!(
                        "tasker_tasks_finished_total",
                        "namespace" => finished.namespace.clone(),
                        "name" => finished.name.clone(),
                        "state" => finished.state.clone()
                    )
                })
                .increment(count(finished.count));
        }
        for (event, n) in &figures.step_events {
            let counter = match event.as_str() {
                "complete" | "complete_manually" => &self.completed,
                "fail" => &self.failed,
                "wait_for_retry" | "reset_for_retry" => &self.retried,
                "lease_expired" => &self.leases_expired,
                _ => continue,
            };
            counter.increment(count(*n));
        }
        for waited in &figures.claim_waits_us {
            self.claim_wait.record(*waited as f64 / 1e6);
        }
    }

    fn set_ready(&mut self, ready: Vec<(String, i64)>) {
        for gauge in self.ready.values() {
            gauge.set(0.0);
        }
        for (namespace, n) in ready {
            self.ready
                .entry(namespace)
                .or_insert_with_key(|namespace| {
                    metrics::gauge!("tasker_namespace_ready_steps", "namespace" => namespace.clone())
                })
                .set(n as f64);
        }
    }

    fn set_dlq(&mut self, stats: Vec<tasker_store::DlqReasonStats>) {
        for gauge in self.dlq.values() {
            gauge.set(0.0);
        }
        for reason in stats {
            for (resolution, n) in [
                ("pending", reason.pending),
                ("manually_resolved", reason.manually_resolved),
                ("permanently_failed", reason.permanently_failed),
                ("cancelled", reason.cancelled),
            ] {
                self.dlq
                    .entry((reason.reason.clone(), resolution))
                    .or_insert_with(|| {
                        metrics::gauge!(
                            "tasker_dlq_entries",
                            "reason" => reason.reason.clone(),
                            "resolution" => resolution
                        )
                    })
                    .set(n as f64);
            }
        }
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Reads the database figures every `metrics.sample_seconds` until
/// shutdown (never when that is 0 or metrics are off). Counters start from
/// what happens after the process started.
pub async fn sample(state: Arc<AppState>) {
    let every = state.config.metrics.sample_seconds;
    if !state.config.metrics.enabled || every == 0 {
        return;
    }
    let lag = i64::try_from(LAG.as_millis()).unwrap_or(2000);
    let mut from = now_ms() - lag;
    let mut sampled = Sampled::new();
    let mut ticker = tokio::time::interval(Duration::from_secs(every));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let all = NamespaceScope::All;
    let seen_within = 2 * i64::try_from(state.config.workers.lease_seconds).unwrap_or(30);
    loop {
        ticker.tick().await;
        if state.is_shutting_down() {
            return;
        }
        let store = &state.store;
        let to = now_ms() - lag;
        if to > from {
            match store.transition_figures(from, to).await {
                Ok(figures) => {
                    sampled.record(&figures);
                    from = to;
                }
                Err(error) => tracing::warn!(%error, "reading transition figures failed"),
            }
        }
        match store.ready_steps_by_namespace().await {
            Ok(ready) => sampled.set_ready(ready),
            Err(error) => tracing::warn!(%error, "counting ready steps failed"),
        }
        match store.dlq_stats(0, &all).await {
            Ok(stats) => sampled.set_dlq(stats),
            Err(error) => tracing::warn!(%error, "reading dead-letter figures failed"),
        }
        let since = tasker_store::now_us() - seen_within * 1_000_000;
        match store.backlog(since, &all).await {
            Ok(backlog) => {
                sampled.workers.set(backlog.active_workers as f64);
                sampled.in_progress.set(backlog.in_progress_steps as f64);
            }
            Err(error) => tracing::warn!(%error, "reading the backlog failed"),
        }
    }
}
