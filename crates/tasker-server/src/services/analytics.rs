//! `tasker.v1.AnalyticsService`: performance figures and bottlenecks over a
//! time window, aggregated from the task and step history.

use std::collections::BTreeMap;
use std::sync::Arc;

use tasker_proto::v1::analytics_service_server::AnalyticsService;
use tasker_proto::v1::{
    DurationStats, GetBottleneckAnalysisRequest, GetBottleneckAnalysisResponse,
    GetPerformanceMetricsRequest, GetPerformanceMetricsResponse, ResourceUtilization, RetryHotSpot,
    SlowStep, SlowTask,
};
use tonic::Request;

use crate::convert::{from_proto, to_proto};
use crate::error::grpc_service;
use crate::{AppState, ServerError};

/// Default window: the last 24 hours.
const DEFAULT_WINDOW_US: i64 = 24 * 3600 * 1_000_000;
/// Default and largest number of rows per bottleneck list.
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;

/// Implementation of `tasker.v1.AnalyticsService`.
#[derive(Debug, Clone)]
pub struct Analytics {
    state: Arc<AppState>,
}

/// A step of a template, as the bottleneck analysis groups attempts:
/// namespace, task name, step name, handler.
type StepKey = (String, String, String, String);

impl Analytics {
    /// An analytics service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }
}

fn window(
    start: Option<&pbjson_types::Timestamp>,
    end: Option<&pbjson_types::Timestamp>,
) -> Result<(i64, i64), ServerError> {
    let end = end
        .map(from_proto::micros)
        .unwrap_or_else(tasker_store::now_us);
    let start = start
        .map(from_proto::micros)
        .unwrap_or(end - DEFAULT_WINDOW_US);
    if start >= end {
        return Err(ServerError::InvalidArgument(
            "start_time: must be before end_time".into(),
        ));
    }
    Ok((start, end))
}

/// Mean, percentiles (nearest rank) and maximum of durations in µs.
pub fn duration_stats(mut samples: Vec<i64>) -> DurationStats {
    if samples.is_empty() {
        return DurationStats::default();
    }
    samples.sort_unstable();
    let n = samples.len();
    let rank = |p: f64| samples[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
    let mean = samples.iter().map(|v| i128::from(*v)).sum::<i128>() / n as i128;
    DurationStats {
        count: n as i64,
        mean: Some(to_proto::duration_us(
            i64::try_from(mean).unwrap_or(i64::MAX),
        )),
        p50: Some(to_proto::duration_us(rank(0.50))),
        p95: Some(to_proto::duration_us(rank(0.95))),
        p99: Some(to_proto::duration_us(rank(0.99))),
        max: Some(to_proto::duration_us(samples[n - 1])),
    }
}

fn p95_us(stats: &DurationStats) -> i64 {
    stats
        .p95
        .as_ref()
        .map(|d| d.seconds * 1_000_000 + i64::from(d.nanos) / 1000)
        .unwrap_or(0)
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Analytics {
    async fn get_performance_metrics(
        &self,
        request: Request<GetPerformanceMetricsRequest>,
    ) -> Result<GetPerformanceMetricsResponse, ServerError> {
        let scope = crate::scope::caller(&request);
        let request = request.into_inner();
        let scope = scope.narrow(Some(request.namespace.as_str()));
        let (start, end) = window(request.start_time.as_ref(), request.end_time.as_ref())?;
        let figures = self.state.store.window_figures(start, end, &scope).await?;
        let finished = figures.completed + figures.failed + figures.cancelled;
        let rate = |n: i64| {
            if finished > 0 {
                n as f64 / finished as f64
            } else {
                0.0
            }
        };
        Ok(GetPerformanceMetricsResponse {
            start_time: Some(to_proto::timestamp(start)),
            end_time: Some(to_proto::timestamp(end)),
            tasks_created: figures.created,
            tasks_completed: figures.completed,
            tasks_failed: figures.failed,
            tasks_cancelled: figures.cancelled,
            active_tasks: figures.active,
            completion_rate: rate(figures.completed),
            error_rate: rate(figures.failed),
            tasks_per_second: finished as f64 / ((end - start) as f64 / 1_000_000.0),
            steps_completed: figures.steps_completed,
            task_duration: Some(duration_stats(figures.durations_us)),
        })
    }

    async fn get_bottleneck_analysis(
        &self,
        request: Request<GetBottleneckAnalysisRequest>,
    ) -> Result<GetBottleneckAnalysisResponse, ServerError> {
        let caller_scope = crate::scope::caller(&request);
        let request = request.into_inner();
        let scope = caller_scope.narrow(Some(request.namespace.as_str()));
        let (start, end) = window(request.start_time.as_ref(), request.end_time.as_ref())?;
        if request.limit < 0 {
            return Err(ServerError::InvalidArgument(
                "limit: must not be negative".into(),
            ));
        }
        let limit = match request.limit {
            0 => DEFAULT_LIMIT,
            n => usize::try_from(n).unwrap_or(MAX_LIMIT).min(MAX_LIMIT),
        };
        let store = &self.state.store;
        let attempts = store.attempts(start, end, &scope).await?;

        let mut by_step: BTreeMap<StepKey, (Vec<i64>, i64, i64)> = BTreeMap::new();
        let mut by_handler: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
        for attempt in &attempts {
            let key = (
                attempt.namespace.clone(),
                attempt.task_name.clone(),
                attempt.step_name.clone(),
                attempt.handler.clone(),
            );
            let entry = by_step.entry(key).or_default();
            if let Some(us) = attempt.execution_us {
                entry.0.push(us);
            }
            entry.1 += 1;
            entry.2 += i64::from(attempt.failed);
            let handler = by_handler
                .entry((attempt.namespace.clone(), attempt.handler.clone()))
                .or_default();
            handler.0 += 1;
            handler.1 += i64::from(attempt.attempt > 1);
        }
        let mut slow_steps: Vec<SlowStep> = by_step
            .into_iter()
            .map(
                |((namespace, task_name, step_name, handler), (samples, attempts, failures))| {
                    SlowStep {
                        namespace,
                        task_name,
                        step_name,
                        handler,
                        execution: Some(duration_stats(samples)),
                        error_rate: if attempts > 0 {
                            failures as f64 / attempts as f64
                        } else {
                            0.0
                        },
                    }
                },
            )
            .collect();
        slow_steps
            .sort_by_key(|s| std::cmp::Reverse(s.execution.as_ref().map(p95_us).unwrap_or(0)));
        slow_steps.truncate(limit);

        let mut by_template: BTreeMap<(String, String, String), Vec<i64>> = BTreeMap::new();
        for row in store.task_durations(start, end, &scope).await? {
            by_template
                .entry((row.namespace, row.name, row.version))
                .or_default()
                .push(row.duration_us);
        }
        let mut slow_tasks: Vec<SlowTask> = by_template
            .into_iter()
            .map(|((namespace, name, version), samples)| SlowTask {
                namespace,
                name,
                version,
                duration: Some(duration_stats(samples)),
            })
            .collect();
        slow_tasks.sort_by_key(|t| std::cmp::Reverse(t.duration.as_ref().map(p95_us).unwrap_or(0)));
        slow_tasks.truncate(limit);

        let mut retry_hot_spots: Vec<RetryHotSpot> = by_handler
            .into_iter()
            .filter(|(_, (_, retries))| *retries > 0)
            .map(|((namespace, handler), (attempts, retries))| RetryHotSpot {
                namespace,
                handler,
                retries,
                attempts,
                exhausted: 0,
            })
            .collect();
        retry_hot_spots.sort_by_key(|h| std::cmp::Reverse(h.retries));
        retry_hot_spots.truncate(limit);

        let lease_us =
            i64::try_from(self.state.config.workers.lease_seconds).unwrap_or(30) * 1_000_000;
        let backlog = store
            .backlog(tasker_store::now_us() - lease_us, &caller_scope)
            .await?;
        let pool = store.pool_stats();
        let in_use = pool.size.saturating_sub(pool.idle);
        let resources = ResourceUtilization {
            db_pool_size: i32::try_from(pool.size).unwrap_or(i32::MAX),
            db_pool_idle: i32::try_from(pool.idle).unwrap_or(i32::MAX),
            db_pool_utilization: if pool.size > 0 {
                f64::from(in_use) / f64::from(pool.size)
            } else {
                0.0
            },
            active_workers: i32::try_from(backlog.active_workers).unwrap_or(i32::MAX),
            ready_steps: backlog.ready_steps,
            in_progress_steps: backlog.in_progress_steps,
        };
        Ok(GetBottleneckAnalysisResponse {
            start_time: Some(to_proto::timestamp(start)),
            end_time: Some(to_proto::timestamp(end)),
            slow_steps,
            slow_tasks,
            retry_hot_spots,
            resources: Some(resources),
        })
    }
}

grpc_service! {
    impl AnalyticsService for Analytics {
        fn get_performance_metrics(GetPerformanceMetricsRequest) -> GetPerformanceMetricsResponse;
        fn get_bottleneck_analysis(GetBottleneckAnalysisRequest) -> GetBottleneckAnalysisResponse;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let stats = duration_stats((1..=100).map(|v| v * 1000).collect());
        assert_eq!(stats.count, 100);
        assert_eq!(stats.p50.unwrap().nanos, 50_000_000);
        assert_eq!(stats.p95.unwrap().nanos, 95_000_000);
        assert_eq!(stats.max.unwrap().nanos, 100_000_000);
        assert_eq!(duration_stats(vec![]).count, 0);
    }
}
