//! How a failed step is retried: attempt limit and exponential backoff with a
//! cap and jitter.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::Violation;
use crate::duration::{format_duration, human, human_opt};

/// Retry policy of a step.
///
/// The delay before the retry that follows attempt `n` is
/// `initial_backoff * backoff_multiplier^(n-1)`, capped at `max_backoff`, then
/// spread by up to `±jitter` of itself and capped again; a delay the worker
/// asked for (`retry_after`) is a lower bound. Written in YAML as
///
/// ```yaml
/// retry:
///   max_attempts: 5          # counts the first attempt; 1 = never retry
///   initial_backoff: 500ms
///   max_backoff: 1m
///   backoff_multiplier: 2.0
///   jitter: 0.2              # ±20 %
/// ```
///
/// Any field left out takes its value from the template's `default_retry`,
/// whose own missing fields take [`RetryPolicy::default`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetryPolicy {
    /// Maximum number of attempts, counting the first. 1 means no retry.
    pub max_attempts: u32,
    /// Delay before the first retry.
    #[serde(with = "human")]
    pub initial_backoff: Duration,
    /// Upper bound of the delay between attempts.
    #[serde(with = "human")]
    pub max_backoff: Duration,
    /// Factor applied to the delay after each attempt; at least 1.
    pub backoff_multiplier: f64,
    /// Share of the delay, from 0 to 1, randomly added or removed.
    pub jitter: f64,
}

impl Default for RetryPolicy {
    /// 3 attempts, 1 s doubling up to 5 min, ±10 % jitter.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(300),
            backoff_multiplier: 2.0,
            jitter: 0.1,
        }
    }
}

impl RetryPolicy {
    /// Whether another attempt should follow a failure, given the attempts made
    /// so far (including the one that just failed) and whether the failure may
    /// be retried at all.
    pub fn should_retry(&self, attempts_made: u32, retryable: bool) -> bool {
        retryable && attempts_made < self.max_attempts
    }

    /// Delay before the next attempt after `attempt` attempts have failed
    /// (`1` after the first failure; `0` is treated as `1`).
    ///
    /// `random` is a uniform sample from `[0, 1)` supplied by the caller, so
    /// the result is deterministic under test: `0.5` means no jitter, `0` the
    /// shortest and values near `1` the longest delay. Out-of-range samples
    /// are clamped and NaN counts as `0.5`. Never panics and never exceeds
    /// `max_backoff`, whatever the attempt number or the policy's values.
    pub fn backoff(&self, attempt: u32, random: f64) -> Duration {
        let max = self.max_backoff.as_secs_f64();
        let initial = self.initial_backoff.as_secs_f64();
        let multiplier = if self.backoff_multiplier >= 1.0 {
            self.backoff_multiplier
        } else {
            1.0
        };
        let exponent = i32::try_from(attempt.saturating_sub(1)).unwrap_or(i32::MAX);
        let mut delay = if initial == 0.0 {
            0.0
        } else {
            initial * multiplier.powi(exponent)
        };
        // Infinity (huge exponents) and NaN (e.g. 0 × ∞) both mean "the cap".
        if delay.is_nan() || delay > max {
            delay = max;
        }
        let jitter = if self.jitter.is_nan() {
            0.0
        } else {
            self.jitter.clamp(0.0, 1.0)
        };
        let random = if random.is_nan() {
            0.5
        } else {
            random.clamp(0.0, 1.0)
        };
        // `delay` is finite and the factor lies in [0, 2], so no NaN arises.
        delay = (delay * (1.0 + jitter * (2.0 * random - 1.0))).clamp(0.0, max);
        // Converting `max_backoff` to f64 and back may round it up by a
        // nanosecond; the cap is exact.
        Duration::try_from_secs_f64(delay)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff)
    }

    /// [`backoff`](Self::backoff), but never shorter than `retry_after`, the
    /// delay a worker asked for when it reported the failure. A requested
    /// delay may exceed `max_backoff`.
    pub fn backoff_with_retry_after(
        &self,
        attempt: u32,
        random: f64,
        retry_after: Option<Duration>,
    ) -> Duration {
        let backoff = self.backoff(attempt, random);
        retry_after.map_or(backoff, |requested| backoff.max(requested))
    }

    /// The rules a policy must follow, reported against `prefix` (for example
    /// `steps[0].retry`).
    pub fn violations(&self, prefix: &str) -> Vec<Violation> {
        let mut out = Vec::new();
        if self.max_attempts < 1 {
            out.push(Violation::new(
                format!("{prefix}.max_attempts"),
                "must be at least 1 (it counts the first attempt; 1 means no retry)",
            ));
        }
        if self.backoff_multiplier.is_nan()
            || self.backoff_multiplier < 1.0
            || self.backoff_multiplier.is_infinite()
        {
            out.push(Violation::new(
                format!("{prefix}.backoff_multiplier"),
                format!(
                    "must be a finite number of at least 1, got {}",
                    self.backoff_multiplier
                ),
            ));
        }
        if !(0.0..=1.0).contains(&self.jitter) {
            out.push(Violation::new(
                format!("{prefix}.jitter"),
                format!("must be between 0 and 1, got {}", self.jitter),
            ));
        }
        if self.initial_backoff > self.max_backoff {
            out.push(Violation::new(
                format!("{prefix}.initial_backoff"),
                format!(
                    "must not exceed max_backoff ({} > {})",
                    format_duration(self.initial_backoff),
                    format_duration(self.max_backoff)
                ),
            ));
        }
        out
    }
}

/// A retry policy as written, every field optional; what is missing comes from
/// a base policy.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename = "RetryPolicy", deny_unknown_fields)]
pub(crate) struct PartialRetryPolicy {
    #[serde(default)]
    max_attempts: Option<u32>,
    #[serde(default, with = "human_opt")]
    initial_backoff: Option<Duration>,
    #[serde(default, with = "human_opt")]
    max_backoff: Option<Duration>,
    #[serde(default)]
    backoff_multiplier: Option<f64>,
    #[serde(default)]
    jitter: Option<f64>,
}

impl PartialRetryPolicy {
    /// The fields given here, the rest from `base`.
    pub(crate) fn over(self, base: RetryPolicy) -> RetryPolicy {
        RetryPolicy {
            max_attempts: self.max_attempts.unwrap_or(base.max_attempts),
            initial_backoff: self.initial_backoff.unwrap_or(base.initial_backoff),
            max_backoff: self.max_backoff.unwrap_or(base.max_backoff),
            backoff_multiplier: self.backoff_multiplier.unwrap_or(base.backoff_multiplier),
            jitter: self.jitter.unwrap_or(base.jitter),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            backoff_multiplier: 2.0,
            jitter: 0.0,
        }
    }

    #[test]
    fn max_attempts_counts_the_first_attempt() {
        let p = RetryPolicy {
            max_attempts: 3,
            ..policy()
        };
        assert!(p.should_retry(1, true));
        assert!(p.should_retry(2, true));
        assert!(!p.should_retry(3, true));
        assert!(!p.should_retry(u32::MAX, true));
        assert!(!p.should_retry(1, false), "permanent failures never retry");
        let once = RetryPolicy {
            max_attempts: 1,
            ..policy()
        };
        assert!(!once.should_retry(1, true));
    }

    #[test]
    fn backoff_grows_exponentially_up_to_the_cap() {
        let p = policy();
        let delays: Vec<_> = (0..=8).map(|a| p.backoff(a, 0.5).as_secs()).collect();
        assert_eq!(delays, [1, 1, 2, 4, 8, 16, 32, 60, 60]);
    }

    #[test]
    fn huge_attempt_numbers_stay_at_the_cap() {
        let p = policy();
        assert_eq!(p.backoff(u32::MAX, 0.5), Duration::from_secs(60));
        assert_eq!(p.backoff(1_000_000, 0.999), Duration::from_secs(60));
        let wild = RetryPolicy {
            max_backoff: Duration::MAX,
            backoff_multiplier: f64::MAX,
            ..policy()
        };
        assert!(wild.backoff(u32::MAX, 0.9) <= Duration::MAX);
        assert_eq!(wild.backoff(1, 0.5), Duration::from_secs(1));
    }

    #[test]
    fn jitter_spreads_both_ways_and_respects_the_cap() {
        let p = RetryPolicy {
            jitter: 0.5,
            ..policy()
        };
        // Attempt 3: 4 s base, ±50 %.
        assert_eq!(p.backoff(3, 0.0), Duration::from_secs(2));
        assert_eq!(p.backoff(3, 0.5), Duration::from_secs(4));
        assert_eq!(p.backoff(3, 1.0), Duration::from_secs(6));
        assert_eq!(p.backoff(3, 0.75), Duration::from_secs(5));
        // At the cap, jitter can only shorten.
        assert_eq!(p.backoff(20, 1.0), Duration::from_secs(60));
        assert_eq!(p.backoff(20, 0.0), Duration::from_secs(30));
        // Bad samples are tamed.
        assert_eq!(p.backoff(3, f64::NAN), Duration::from_secs(4));
        assert_eq!(p.backoff(3, -7.0), Duration::from_secs(2));
        assert_eq!(p.backoff(3, f64::INFINITY), Duration::from_secs(6));
    }

    #[test]
    fn retry_after_is_a_lower_bound() {
        let p = policy();
        assert_eq!(
            p.backoff_with_retry_after(1, 0.5, Some(Duration::from_secs(10))),
            Duration::from_secs(10)
        );
        assert_eq!(
            p.backoff_with_retry_after(5, 0.5, Some(Duration::from_secs(10))),
            Duration::from_secs(16)
        );
        assert_eq!(
            p.backoff_with_retry_after(1, 0.5, Some(Duration::from_secs(3600))),
            Duration::from_secs(3600),
            "an explicit request may exceed the cap"
        );
        assert_eq!(
            p.backoff_with_retry_after(2, 0.5, None),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn the_cap_is_exact_despite_float_rounding() {
        let p = RetryPolicy {
            max_attempts: 0,
            initial_backoff: Duration::new(2_686_337_613, 725_945_712),
            max_backoff: Duration::new(71_423_784, 308_378_391),
            backoff_multiplier: 0.0,
            jitter: 0.0,
        };
        assert_eq!(p.backoff(0, 0.0), p.max_backoff);
    }

    #[test]
    fn degenerate_policies_do_not_panic() {
        let zero = RetryPolicy {
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
            backoff_multiplier: f64::NAN,
            jitter: f64::NAN,
            max_attempts: 0,
        };
        assert_eq!(zero.backoff(u32::MAX, 0.3), Duration::ZERO);
        assert!(!zero.should_retry(0, true));
        let inverted = RetryPolicy {
            initial_backoff: Duration::from_secs(100),
            max_backoff: Duration::from_secs(10),
            backoff_multiplier: 0.5,
            jitter: 7.0,
            ..policy()
        };
        assert!(inverted.backoff(2, 0.99) <= Duration::from_secs(10));
    }

    #[test]
    fn violations_name_every_bad_field() {
        let bad = RetryPolicy {
            max_attempts: 0,
            initial_backoff: Duration::from_secs(10),
            max_backoff: Duration::from_secs(5),
            backoff_multiplier: 0.5,
            jitter: 1.5,
        };
        let fields: Vec<_> = bad
            .violations("default_retry")
            .into_iter()
            .map(|v| v.field)
            .collect();
        assert_eq!(
            fields,
            [
                "default_retry.max_attempts",
                "default_retry.backoff_multiplier",
                "default_retry.jitter",
                "default_retry.initial_backoff"
            ]
        );
        let nan = RetryPolicy {
            backoff_multiplier: f64::NAN,
            jitter: f64::NAN,
            ..policy()
        };
        assert_eq!(nan.violations("r").len(), 2);
        let inf = RetryPolicy {
            backoff_multiplier: f64::INFINITY,
            ..policy()
        };
        assert_eq!(inf.violations("r").len(), 1);
        assert!(RetryPolicy::default().violations("r").is_empty());
        let edges = RetryPolicy {
            max_attempts: 1,
            initial_backoff: Duration::from_secs(5),
            max_backoff: Duration::from_secs(5),
            backoff_multiplier: 1.0,
            jitter: 1.0,
        };
        assert!(edges.violations("r").is_empty());
    }

    #[test]
    fn partial_policies_fill_from_the_base() {
        let partial: PartialRetryPolicy =
            yaml_serde::from_str("max_attempts: 7\ninitial_backoff: 250ms").unwrap();
        let merged = partial.over(policy());
        assert_eq!(merged.max_attempts, 7);
        assert_eq!(merged.initial_backoff, Duration::from_millis(250));
        assert_eq!(merged.max_backoff, policy().max_backoff);
        assert!(yaml_serde::from_str::<PartialRetryPolicy>("max_attempt: 7").is_err());
    }

    fn any_policy() -> impl Strategy<Value = RetryPolicy> {
        (
            any::<u32>(),
            any::<u64>(),
            any::<u64>(),
            any::<f64>(),
            any::<f64>(),
        )
            .prop_map(
                |(max_attempts, initial, max, multiplier, jitter)| RetryPolicy {
                    max_attempts,
                    initial_backoff: Duration::from_nanos(initial),
                    max_backoff: Duration::from_nanos(max),
                    backoff_multiplier: multiplier,
                    jitter,
                },
            )
    }

    proptest! {
        #[test]
        fn backoff_never_panics_and_never_exceeds_the_cap(
            p in any_policy(),
            attempt in any::<u32>(),
            random in any::<f64>(),
        ) {
            let delay = p.backoff(attempt, random);
            prop_assert!(delay <= p.max_backoff);
        }

        #[test]
        fn valid_policies_stay_within_the_jitter_band(
            attempt in 1u32..64,
            random in 0.0f64..1.0,
            jitter in 0.0f64..=1.0,
            multiplier in 1.0f64..10.0,
        ) {
            let p = RetryPolicy { jitter, backoff_multiplier: multiplier, ..policy() };
            let base = (1.0 * multiplier.powi(i32::try_from(attempt - 1).unwrap())).min(60.0);
            let delay = p.backoff(attempt, random).as_secs_f64();
            prop_assert!(delay >= base * (1.0 - jitter) - 1e-6, "{delay} < {base}");
            prop_assert!(delay <= (base * (1.0 + jitter)).min(60.0) + 1e-6, "{delay} > {base}");
        }

        #[test]
        fn backoff_is_monotonic_without_jitter(attempt in 1u32..200) {
            let p = policy();
            prop_assert!(p.backoff(attempt, 0.5) <= p.backoff(attempt + 1, 0.5));
        }
    }
}
