//! The worker's session with the orchestrator: registration, calls retried
//! while it is unreachable, and deregistration.

use std::future::Future;
use std::sync::PoisonError;
use std::time::Duration;

use tasker_proto::v1::{DeregisterWorkerRequest, RegisterWorkerRequest};

use crate::WorkerError;
use crate::convert;
use crate::retry::{Failure, classify, delay_after};

use super::{Client, LeaseSettings, Runtime};

impl Runtime {
    pub(super) fn reached(&self) {
        self.status.send_if_modified(|s| {
            let changed = !s.orchestrator_reachable || s.last_error.is_some();
            s.orchestrator_reachable = true;
            s.last_error = None;
            changed
        });
    }

    pub(super) fn unreachable(&self, rpc: &str, status: &tonic::Status) {
        let message = format!("{rpc}: {:?}: {}", status.code(), status.message());
        self.status.send_modify(|s| {
            s.orchestrator_reachable = false;
            s.last_error = Some(message);
        });
    }

    /// Sends one call with a deadline (also sent as `grpc-timeout`).
    pub(super) async fn call<Req, Resp, F, Fut>(
        &self,
        message: Req,
        deadline: Duration,
        send: F,
    ) -> Result<Resp, tonic::Status>
    where
        F: FnOnce(Client, tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Resp>, tonic::Status>>,
    {
        let mut request = tonic::Request::new(message);
        request.set_timeout(deadline);
        // A little slack so the server's own DEADLINE_EXCEEDED wins the race.
        match tokio::time::timeout(
            deadline + Duration::from_millis(500),
            send(self.client.clone(), request),
        )
        .await
        {
            Ok(result) => result.map(tonic::Response::into_inner),
            Err(_) => Err(tonic::Status::deadline_exceeded(format!(
                "no answer within {deadline:?}"
            ))),
        }
    }

    /// Registers, retrying transient failures until shutdown. `Ok(false)`
    /// when shutdown came first.
    pub(super) async fn register(&self) -> Result<bool, WorkerError> {
        let request = RegisterWorkerRequest {
            name: self.settings.name.clone(),
            namespaces: self.settings.namespaces.clone(),
            handlers: self.registry.names(),
            max_concurrency: i32::try_from(self.settings.concurrency).unwrap_or(i32::MAX),
            version: self.settings.version.clone(),
        };
        let mut failures = 0u32;
        loop {
            let result = tokio::select! {
                biased;
                () = self.shutdown.cancelled() => return Ok(false),
                result = self.call(request.clone(), self.settings.request_timeout, |mut c, r| async move { c.register_worker(r).await }) => result,
            };
            let status = match result {
                Ok(response) => {
                    let worker_uuid = response.worker.map(|w| w.worker_uuid).unwrap_or_default();
                    if worker_uuid.is_empty() {
                        return Err(WorkerError::Rejected {
                            rpc: "RegisterWorker",
                            code: tonic::Code::Internal,
                            message: "the answer names no worker_uuid".into(),
                        });
                    }
                    let lease = LeaseSettings::from_server(
                        convert::duration_from_proto(response.lease_duration.as_ref()),
                        convert::duration_from_proto(response.heartbeat_interval.as_ref()),
                    );
                    *self.lease.write().unwrap_or_else(PoisonError::into_inner) = lease;
                    worker_uuid.clone_into(
                        &mut self
                            .worker_uuid
                            .write()
                            .unwrap_or_else(PoisonError::into_inner),
                    );
                    self.reached();
                    self.status.send_modify(|s| {
                        s.registered = true;
                        s.worker_uuid = Some(worker_uuid.clone());
                    });
                    tracing::info!(
                        %worker_uuid,
                        name = %self.settings.name,
                        namespaces = ?self.settings.namespaces,
                        handlers = ?request.handlers,
                        lease = ?lease.duration,
                        heartbeat_interval = ?lease.heartbeat_interval,
                        "registered"
                    );
                    return Ok(true);
                }
                Err(status) => status,
            };
            self.unreachable("RegisterWorker", &status);
            if classify(&status) != Failure::Transient {
                return Err(WorkerError::rejected("RegisterWorker", &status));
            }
            failures = failures.saturating_add(1);
            let delay = delay_after(&self.settings.backoff, failures, &status);
            tracing::warn!(code = ?status.code(), message = status.message(), retry_in = ?delay, "cannot register; retrying");
            if self.sleep_unless_shutdown(delay).await {
                return Ok(false);
            }
        }
    }

    /// Sleeps; `true` when shutdown began meanwhile.
    pub(super) async fn sleep_unless_shutdown(&self, delay: Duration) -> bool {
        tokio::select! {
            biased;
            () = self.shutdown.cancelled() => true,
            () = tokio::time::sleep(delay) => false,
        }
    }

    /// Deregisters, retrying transient failures a bounded number of times.
    pub(super) async fn deregister(&self) {
        let request = DeregisterWorkerRequest {
            worker_uuid: self.worker_uuid(),
        };
        let attempts = self.settings.report_attempts;
        for attempt in 1..=attempts {
            let result = self
                .call(
                    request.clone(),
                    self.settings.request_timeout,
                    |mut c, r| async move { c.deregister_worker(r).await },
                )
                .await;
            match result {
                Ok(response) => {
                    tracing::info!(released_claims = response.released_claims, "deregistered");
                    return;
                }
                Err(status) if classify(&status) == Failure::Transient && attempt < attempts => {
                    let delay = delay_after(&self.settings.backoff, attempt, &status);
                    tracing::warn!(code = ?status.code(), message = status.message(), retry_in = ?delay, "cannot deregister; retrying");
                    tokio::time::sleep(delay).await;
                }
                Err(status) => {
                    tracing::warn!(code = ?status.code(), message = status.message(), "cannot deregister; the orchestrator will expire the worker's leases");
                    return;
                }
            }
        }
    }
}
