//! The worker's metrics: steps run by handler and how they ended, how long
//! their handlers ran, and the steps in flight, recorded through the
//! `metrics` facade — nothing is kept unless the process installs a
//! recorder, as the `tasker-worker` binary does — and their help texts
//! ([`describe`]).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use metrics::{Counter, Gauge, Histogram};

/// How an attempt ended, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepOutcome {
    /// The handler returned results.
    Succeeded,
    /// The handler failed, and the failure may be retried.
    RetryableFailure,
    /// The handler failed for good.
    PermanentFailure,
    /// Nothing was reported (lease lost, drain timeout).
    Abandoned,
}

impl StepOutcome {
    const ALL: [Self; 4] = [
        Self::Succeeded,
        Self::RetryableFailure,
        Self::PermanentFailure,
        Self::Abandoned,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::RetryableFailure => "retryable_failure",
            Self::PermanentFailure => "permanent_failure",
            Self::Abandoned => "abandoned",
        }
    }
}

/// The handles of one handler, registered on first use and kept.
#[derive(Debug)]
struct HandlerSeries {
    handler: Arc<str>,
    steps: [OnceLock<Counter>; 4],
    duration: OnceLock<Histogram>,
}

impl HandlerSeries {
    fn new(handler: &str) -> Self {
        Self {
            handler: Arc::from(handler),
            steps: std::array::from_fn(|_| OnceLock::new()),
            duration: OnceLock::new(),
        }
    }

    fn record(&self, outcome: StepOutcome, ran: Duration) {
        let index = StepOutcome::ALL
            .iter()
            .position(|o| *o == outcome)
            .unwrap_or(0);
        self.steps[index]
            .get_or_init(|| {
                metrics::counter!(
                    "tasker_worker_steps_total",
                    "handler" => self.handler.to_string(),
                    "outcome" => outcome.as_str()
                )
            })
            .increment(1);
        self.duration
            .get_or_init(|| {
                metrics::histogram!(
                    "tasker_worker_step_duration_seconds",
                    "handler" => self.handler.to_string()
                )
            })
            .record(ran.as_secs_f64());
    }
}

/// Every handler's handles, indexed by name; a name the registry does not
/// know (a claim this worker has no handler for) counts as `unknown`.
#[derive(Debug)]
pub(crate) struct StepMetrics {
    handlers: HashMap<String, HandlerSeries>,
    unknown: HandlerSeries,
    in_flight: OnceLock<Gauge>,
}

impl StepMetrics {
    /// Handles for `handlers`.
    pub(crate) fn new(handlers: impl IntoIterator<Item = String>) -> Self {
        Self {
            handlers: handlers
                .into_iter()
                .map(|name| {
                    let series = HandlerSeries::new(&name);
                    (name, series)
                })
                .collect(),
            unknown: HandlerSeries::new("unknown"),
            in_flight: OnceLock::new(),
        }
    }

    /// Counts an attempt of `handler` that ran for `ran`.
    pub(crate) fn record(&self, handler: &str, outcome: StepOutcome, ran: Duration) {
        self.handlers
            .get(handler)
            .unwrap_or(&self.unknown)
            .record(outcome, ran);
    }

    /// Sets the number of steps in flight.
    pub(crate) fn set_in_flight(&self, count: usize) {
        self.in_flight
            .get_or_init(|| metrics::gauge!("tasker_worker_steps_in_flight"))
            .set(count as f64);
    }
}

/// Help texts of the worker's metrics.
pub fn describe() {
    metrics::describe_counter!(
        "tasker_worker_steps_total",
        "Step attempts run by this worker, by handler and outcome (succeeded, retryable_failure, permanent_failure, abandoned)"
    );
    metrics::describe_histogram!(
        "tasker_worker_step_duration_seconds",
        metrics::Unit::Seconds,
        "How long handlers ran, by handler"
    );
    metrics::describe_gauge!(
        "tasker_worker_steps_in_flight",
        "Steps claimed by this worker and not yet reported"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_handlers_share_one_series() {
        let metrics = StepMetrics::new(["a".to_owned()]);
        assert_eq!(&*metrics.handlers["a"].handler, "a");
        assert!(!metrics.handlers.contains_key("b"));
        assert_eq!(&*metrics.unknown.handler, "unknown");
        // Recording without a recorder is a no-op, never a panic.
        metrics.record("b", StepOutcome::Abandoned, Duration::from_millis(1));
        metrics.set_in_flight(3);
    }
}
