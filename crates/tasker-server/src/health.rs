//! `tasker.v1.HealthService`: liveness, readiness and per-component checks.

use std::collections::HashMap;
use std::sync::Arc;

use tasker_proto::v1::health_service_server::HealthService;
use tasker_proto::v1::{
    CheckRequest, CheckResponse, ComponentHealth, DetailedHealthRequest, DetailedHealthResponse,
    HealthStatus, LivenessRequest, LivenessResponse, ReadinessRequest, ReadinessResponse,
};
use tasker_store::StoreError;
use tonic::Request;

use crate::ServerError;
use crate::error::grpc_service;
use crate::state::AppState;

/// How long readiness waits for a probe write before calling the database
/// not ready.
const WRITE_PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// Implementation of `tasker.v1.HealthService`.
#[derive(Debug, Clone)]
pub struct Health {
    state: Arc<AppState>,
}

impl Health {
    /// A health service reporting on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }

    async fn database(&self) -> ComponentHealth {
        let db = &self.state.store;
        let stats = db.pool_stats();
        let writes = db.write_stats();
        let mut details = HashMap::from([
            ("backend".to_owned(), db.backend().as_str().to_owned()),
            ("pool_size".to_owned(), stats.size.to_string()),
            ("pool_idle".to_owned(), stats.idle.to_string()),
            ("writes".to_owned(), writes.writes.to_string()),
            ("commits".to_owned(), writes.commits.to_string()),
            (
                "synced_commits".to_owned(),
                writes.synced_commits.to_string(),
            ),
            ("queued_writes".to_owned(), db.queued_writes().to_string()),
            (
                "writes_in_flight".to_owned(),
                db.writes_in_flight().to_string(),
            ),
        ]);
        // Reads and writes can fail apart (SQLite has one writer connection):
        // a store that answers reads but cannot write is not ready.
        let probe = async {
            let latency = db.ping().await?;
            db.ping_writer().await?;
            Ok::<_, StoreError>(latency)
        };
        let outcome = match tokio::time::timeout(WRITE_PROBE_TIMEOUT, probe).await {
            Ok(outcome) => outcome,
            Err(_) => Err(StoreError::Busy(format!(
                "no write went through within {WRITE_PROBE_TIMEOUT:?}"
            ))),
        };
        match outcome {
            Ok(latency) => ComponentHealth {
                name: "database".into(),
                status: HealthStatus::Healthy.into(),
                message: String::new(),
                latency: Some(latency.into()),
                details,
            },
            Err(error) => {
                tracing::warn!(%error, "database health check failed");
                let (detail, message) = match error {
                    StoreError::Busy(_) => ("busy", "the database did not accept a write in time"),
                    _ => ("unreachable", "the database cannot be read or written"),
                };
                details.insert("error".into(), detail.into());
                ComponentHealth {
                    name: "database".into(),
                    status: HealthStatus::Unhealthy.into(),
                    message: message.into(),
                    latency: None,
                    details,
                }
            }
        }
    }

    fn lifecycle(&self) -> ComponentHealth {
        let draining = self.state.is_shutting_down();
        ComponentHealth {
            name: "lifecycle".into(),
            status: if draining {
                HealthStatus::Unhealthy
            } else {
                HealthStatus::Healthy
            }
            .into(),
            message: if draining {
                "shutting down".into()
            } else {
                String::new()
            },
            latency: None,
            details: HashMap::new(),
        }
    }

    async fn components(&self) -> Vec<ComponentHealth> {
        vec![self.database().await, self.lifecycle()]
    }
}

fn worst(components: &[ComponentHealth]) -> HealthStatus {
    components
        .iter()
        .map(|c| c.status())
        .max_by_key(|s| *s as i32)
        .unwrap_or(HealthStatus::Healthy)
}

fn now() -> Option<pbjson_types::Timestamp> {
    Some(chrono::Utc::now().into())
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Health {
    async fn check(&self, _: Request<CheckRequest>) -> Result<CheckResponse, ServerError> {
        Ok(CheckResponse {
            status: HealthStatus::Healthy.into(),
            version: crate::VERSION.into(),
            checked_at: now(),
        })
    }

    async fn liveness(&self, _: Request<LivenessRequest>) -> Result<LivenessResponse, ServerError> {
        Ok(LivenessResponse {
            status: HealthStatus::Healthy.into(),
        })
    }

    async fn readiness(
        &self,
        _: Request<ReadinessRequest>,
    ) -> Result<ReadinessResponse, ServerError> {
        let checks = self.components().await;
        let status = worst(&checks);
        Ok(ReadinessResponse {
            ready: status == HealthStatus::Healthy,
            status: status.into(),
            checks,
        })
    }

    async fn detailed_health(
        &self,
        _: Request<DetailedHealthRequest>,
    ) -> Result<DetailedHealthResponse, ServerError> {
        let components = self.components().await;
        Ok(DetailedHealthResponse {
            status: worst(&components).into(),
            version: crate::VERSION.into(),
            environment: self.state.config.environment.as_str().into(),
            uptime: Some(self.state.started_at.elapsed().into()),
            components,
            checked_at: now(),
        })
    }
}

grpc_service! {
    impl HealthService for Health {
        fn check(CheckRequest) -> CheckResponse;
        fn liveness(LivenessRequest) -> LivenessResponse;
        fn readiness(ReadinessRequest) -> ReadinessResponse;
        fn detailed_health(DetailedHealthRequest) -> DetailedHealthResponse;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(status: HealthStatus) -> ComponentHealth {
        ComponentHealth {
            status: status.into(),
            ..Default::default()
        }
    }

    #[test]
    fn overall_status_is_the_worst_component() {
        assert_eq!(worst(&[]), HealthStatus::Healthy);
        assert_eq!(
            worst(&[
                component(HealthStatus::Healthy),
                component(HealthStatus::Degraded)
            ]),
            HealthStatus::Degraded
        );
        assert_eq!(
            worst(&[
                component(HealthStatus::Unhealthy),
                component(HealthStatus::Degraded)
            ]),
            HealthStatus::Unhealthy
        );
    }
}
