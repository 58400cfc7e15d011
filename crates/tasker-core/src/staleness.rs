//! Staleness: how long a task may stay in one state before the monitor opens a
//! dead-letter investigation for it.
//!
//! Non-final task states fall in two classes with one threshold each: *waiting*
//! states (`pending`, `waiting_for_dependencies`, `waiting_for_retry`) and
//! *processing* states (`initializing`, `enqueuing_steps`, `steps_in_process`,
//! `evaluating_results`). `blocked_by_failures` already needs an operator and
//! final states cannot go stale, so neither has a threshold. The server holds
//! the defaults ([`StalenessThresholds::default`], overridable in its
//! configuration); a template may override either threshold
//! ([`StalenessOverrides`]).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::TaskState;
use crate::duration::human_opt;

/// Default threshold of the waiting states: 1 hour.
pub const DEFAULT_WAITING_THRESHOLD: Duration = Duration::from_secs(60 * 60);
/// Default threshold of the processing states: 30 minutes.
pub const DEFAULT_PROCESSING_THRESHOLD: Duration = Duration::from_secs(30 * 60);

/// Which threshold applies to a task state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StalenessClass {
    /// Waiting for something outside the orchestrator: pickup, dependencies or
    /// a retry backoff.
    Waiting,
    /// The orchestrator or workers are actively moving the task.
    Processing,
}

impl StalenessClass {
    /// The class of `state`, or `None` for states that cannot go stale
    /// (`blocked_by_failures` and the final states).
    pub const fn of(state: TaskState) -> Option<Self> {
        match state {
            TaskState::Pending | TaskState::WaitingForDependencies | TaskState::WaitingForRetry => {
                Some(Self::Waiting)
            }
            TaskState::Initializing
            | TaskState::EnqueuingSteps
            | TaskState::StepsInProcess
            | TaskState::EvaluatingResults => Some(Self::Processing),
            TaskState::BlockedByFailures
            | TaskState::Complete
            | TaskState::Error
            | TaskState::Cancelled
            | TaskState::ResolvedManually => None,
        }
    }
}

/// The thresholds in force for a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StalenessThresholds {
    /// Threshold of the waiting states.
    pub waiting: Duration,
    /// Threshold of the processing states.
    pub processing: Duration,
}

impl Default for StalenessThresholds {
    /// [`DEFAULT_WAITING_THRESHOLD`] and [`DEFAULT_PROCESSING_THRESHOLD`].
    fn default() -> Self {
        Self {
            waiting: DEFAULT_WAITING_THRESHOLD,
            processing: DEFAULT_PROCESSING_THRESHOLD,
        }
    }
}

impl StalenessThresholds {
    /// These thresholds with a template's overrides applied.
    pub fn with_overrides(self, overrides: &StalenessOverrides) -> Self {
        Self {
            waiting: overrides.waiting.unwrap_or(self.waiting),
            processing: overrides.processing.unwrap_or(self.processing),
        }
    }

    /// The threshold of `state`, or `None` if the state cannot go stale.
    pub const fn threshold_for(&self, state: TaskState) -> Option<Duration> {
        match StalenessClass::of(state) {
            Some(StalenessClass::Waiting) => Some(self.waiting),
            Some(StalenessClass::Processing) => Some(self.processing),
            None => None,
        }
    }
}

/// A template's overrides of the server's thresholds, written in YAML as
/// `staleness: { waiting: 2h, processing: 10m }`; either may be left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StalenessOverrides {
    /// Threshold of the waiting states, if overridden.
    #[serde(with = "human_opt", skip_serializing_if = "Option::is_none")]
    pub waiting: Option<Duration>,
    /// Threshold of the processing states, if overridden.
    #[serde(with = "human_opt", skip_serializing_if = "Option::is_none")]
    pub processing: Option<Duration>,
}

impl StalenessOverrides {
    /// Whether neither threshold is overridden.
    pub fn is_empty(&self) -> bool {
        self.waiting.is_none() && self.processing.is_none()
    }
}

/// Level of a task's time in state against its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StalenessHealth {
    /// Below 80 % of the threshold.
    Healthy,
    /// From 80 % up to and including 100 % of the threshold.
    Warning,
    /// Over the threshold.
    Stale,
}

impl StalenessHealth {
    /// The snake_case name used in storage and logs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Healthy => "healthy",
            Self::Warning => "warning",
            Self::Stale => "stale",
        }
    }
}

/// Time in state measured against a threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Staleness {
    /// The level.
    pub health: StalenessHealth,
    /// Time in state as a percentage of the threshold (may exceed 100).
    pub percentage: f64,
}

/// Measures `time_in_state` against `threshold`: healthy below 80 %, warning
/// from 80 % to 100 % inclusive, stale above. The level is decided in exact
/// integer arithmetic, so a value on a boundary is never misclassified by
/// rounding. A zero threshold is treated as one nanosecond.
pub fn staleness_health(time_in_state: Duration, threshold: Duration) -> Staleness {
    let elapsed = time_in_state.as_nanos();
    let limit = threshold.as_nanos().max(1);
    // Both values are below 2^94, so the products fit in a u128.
    let health = if elapsed * 100 < limit * 80 {
        StalenessHealth::Healthy
    } else if elapsed <= limit {
        StalenessHealth::Warning
    } else {
        StalenessHealth::Stale
    };
    #[allow(clippy::cast_precision_loss)] // A percentage needs no more than f64 precision.
    let percentage = elapsed as f64 / limit as f64 * 100.0;
    Staleness { health, percentage }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn boundaries() {
        let threshold = Duration::from_secs(100);
        let at = |secs: u64, nanos: u32| staleness_health(Duration::new(secs, nanos), threshold);
        assert_eq!(at(0, 0).health, StalenessHealth::Healthy);
        assert_eq!(at(79, 999_999_999).health, StalenessHealth::Healthy);
        assert_eq!(at(80, 0).health, StalenessHealth::Warning);
        assert_eq!(at(100, 0).health, StalenessHealth::Warning);
        assert_eq!(at(100, 1).health, StalenessHealth::Stale);
        assert_eq!(at(250, 0).health, StalenessHealth::Stale);
        assert!((at(250, 0).percentage - 250.0).abs() < 1e-9);
        assert!((at(80, 0).percentage - 80.0).abs() < 1e-9);
    }

    #[test]
    fn zero_and_extreme_thresholds_do_not_panic() {
        assert_eq!(
            staleness_health(Duration::ZERO, Duration::ZERO).health,
            StalenessHealth::Healthy
        );
        assert_eq!(
            staleness_health(Duration::from_nanos(2), Duration::ZERO).health,
            StalenessHealth::Stale
        );
        let s = staleness_health(Duration::MAX, Duration::from_nanos(1));
        assert_eq!(s.health, StalenessHealth::Stale);
        assert!(s.percentage.is_finite());
        assert_eq!(
            staleness_health(Duration::MAX, Duration::MAX).health,
            StalenessHealth::Warning
        );
    }

    #[test]
    fn classes_and_overrides() {
        let defaults = StalenessThresholds::default();
        assert_eq!(
            defaults.threshold_for(TaskState::WaitingForRetry),
            Some(DEFAULT_WAITING_THRESHOLD)
        );
        assert_eq!(
            defaults.threshold_for(TaskState::StepsInProcess),
            Some(DEFAULT_PROCESSING_THRESHOLD)
        );
        assert_eq!(defaults.threshold_for(TaskState::Complete), None);
        assert_eq!(defaults.threshold_for(TaskState::BlockedByFailures), None);
        for state in TaskState::ALL {
            assert_eq!(
                StalenessClass::of(*state).is_none(),
                state.is_terminal() || *state == TaskState::BlockedByFailures,
                "{state}"
            );
        }
        let custom = defaults.with_overrides(&StalenessOverrides {
            waiting: Some(Duration::from_secs(7200)),
            processing: None,
        });
        assert_eq!(custom.waiting, Duration::from_secs(7200));
        assert_eq!(custom.processing, DEFAULT_PROCESSING_THRESHOLD);
    }

    #[test]
    fn overrides_read_from_yaml() {
        let o: StalenessOverrides = yaml_serde::from_str("waiting: 2h").unwrap();
        assert_eq!(o.waiting, Some(Duration::from_secs(7200)));
        assert_eq!(o.processing, None);
        assert!(yaml_serde::from_str::<StalenessOverrides>("wating: 2h").is_err());
        assert!(StalenessOverrides::default().is_empty());
    }

    proptest! {
        #[test]
        fn levels_are_ordered_by_time(
            a in any::<u64>(), b in any::<u64>(), t in any::<u64>(),
        ) {
            let threshold = Duration::from_nanos(t);
            let (lo, hi) = (a.min(b), a.max(b));
            let lo = staleness_health(Duration::from_nanos(lo), threshold);
            let hi = staleness_health(Duration::from_nanos(hi), threshold);
            prop_assert!(lo.health <= hi.health);
            prop_assert!(lo.percentage <= hi.percentage);
        }
    }
}
