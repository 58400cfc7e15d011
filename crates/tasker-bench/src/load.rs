//! Load generation (closed-loop saturation and open-loop fixed rate) and
//! latency histograms.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use hdrhistogram::Histogram;

/// A call the load generator repeats.
pub(crate) type Call =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<()>> + Send>> + Send + Sync>;

/// Makes a [`Call`] of an async closure.
pub(crate) fn call<F, Fut>(f: F) -> Call
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    Arc::new(move || -> Pin<Box<dyn Future<Output = Result<()>> + Send>> { Box::pin(f()) })
}

/// Latencies in microseconds.
#[derive(Debug, Clone)]
pub(crate) struct Latencies(Histogram<u64>);

impl Default for Latencies {
    fn default() -> Self {
        Self::new()
    }
}

impl Latencies {
    /// An empty histogram (1 µs to 10 min, 3 significant figures).
    pub(crate) fn new() -> Self {
        // The bounds are constants that Histogram accepts.
        match Histogram::new_with_bounds(1, 600_000_000, 3) {
            Ok(h) => Self(h),
            Err(_) => unreachable_histogram(),
        }
    }

    /// Records one duration.
    pub(crate) fn record(&mut self, d: Duration) {
        let us = u64::try_from(d.as_micros()).unwrap_or(u64::MAX).max(1);
        self.0.saturating_record(us);
    }

    /// Adds another histogram.
    pub(crate) fn add(&mut self, other: &Self) {
        let _ = self.0.add(&other.0);
    }

    /// Number of samples.
    pub(crate) fn len(&self) -> u64 {
        self.0.len()
    }

    /// Quantile in milliseconds.
    pub(crate) fn ms(&self, q: f64) -> f64 {
        self.0.value_at_quantile(q) as f64 / 1000.0
    }

    /// Summary for JSON: count, p50/p90/p99/max in ms.
    pub(crate) fn summary(&self) -> serde_json::Value {
        serde_json::json!({
            "count": self.len(),
            "p50_ms": self.ms(0.5),
            "p90_ms": self.ms(0.9),
            "p99_ms": self.ms(0.99),
            "max_ms": self.0.max() as f64 / 1000.0,
        })
    }
}

#[allow(clippy::panic)]
fn unreachable_histogram() -> Latencies {
    panic!("histogram bounds are valid constants")
}

/// What a closed-loop run did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Calls that succeeded.
    pub(crate) ok: u64,
    /// Calls that failed.
    pub(crate) errors: u64,
    /// First error seen, for the report.
    pub(crate) first_error: Option<String>,
    /// Wall time.
    pub(crate) wall: Duration,
    /// Latency of successful calls.
    pub(crate) latencies: Latencies,
}

/// Runs `call` from `concurrency` loops for `duration` (closed loop: each
/// loop waits for its answer before the next call).
pub(crate) async fn saturate(call: Call, concurrency: usize, duration: Duration) -> Outcome {
    let started = Instant::now();
    let deadline = started + duration;
    let mut loops = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let call = Arc::clone(&call);
        loops.push(tokio::spawn(async move {
            let mut outcome = Outcome::default();
            while Instant::now() < deadline {
                let t = Instant::now();
                match call().await {
                    Ok(()) => {
                        outcome.ok += 1;
                        outcome.latencies.record(t.elapsed());
                    }
                    Err(error) => {
                        outcome.errors += 1;
                        if outcome.first_error.is_none() {
                            outcome.first_error = Some(format!("{error:#}"));
                        }
                    }
                }
            }
            outcome
        }));
    }
    let mut total = Outcome::default();
    for handle in loops {
        if let Ok(outcome) = handle.await {
            total.ok += outcome.ok;
            total.errors += outcome.errors;
            total.latencies.add(&outcome.latencies);
            if total.first_error.is_none() {
                total.first_error = outcome.first_error;
            }
        }
    }
    total.wall = started.elapsed();
    total
}

/// Offers `rate` calls per second for `duration` (open loop: calls start on
/// schedule whether or not earlier ones have answered). Latency is measured
/// from the scheduled start, so a stalled server is not hidden.
pub(crate) async fn fixed_rate(call: Call, rate: f64, duration: Duration) -> Outcome {
    let started = Instant::now();
    let interval = Duration::from_secs_f64(1.0 / rate.max(0.001));
    let count = (duration.as_secs_f64() * rate).ceil().max(1.0) as u64;
    let mut handles = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for i in 0..count {
        let scheduled = started + interval.mul_f64(i as f64);
        tokio::time::sleep_until(scheduled.into()).await;
        let call = Arc::clone(&call);
        handles.push(tokio::spawn(async move {
            let result = call().await;
            (result, scheduled.elapsed())
        }));
    }
    let mut total = Outcome::default();
    for handle in handles {
        if let Ok((result, latency)) = handle.await {
            match result {
                Ok(()) => {
                    total.ok += 1;
                    total.latencies.record(latency);
                }
                Err(error) => {
                    total.errors += 1;
                    if total.first_error.is_none() {
                        total.first_error = Some(format!("{error:#}"));
                    }
                }
            }
        }
    }
    total.wall = started.elapsed();
    total
}

/// `a / b`, or 0 when `b` is 0.
pub(crate) fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}
