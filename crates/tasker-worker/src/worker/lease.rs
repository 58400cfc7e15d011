//! Keeping leases: heartbeats for every claim in flight, `WatchClaims` for
//! cancelled tasks, and what happens when a lease is lost.

use std::sync::Arc;
use std::time::Instant;

use tasker_proto::v1::{HeartbeatRequest, WatchClaimsRequest};
use tokio_util::sync::CancellationToken;

use crate::retry::{Failure, classify};

use super::Runtime;

/// Lease reason of a claim whose task was cancelled.
const TASK_CANCELLED: &str = "task_cancelled";

impl Runtime {
    /// Extends the leases of in-flight claims every heartbeat interval until
    /// `stop`; cancels the handlers of leases the orchestrator reports lost
    /// or that expire locally because heartbeats keep failing.
    pub(super) async fn heartbeat_loop(self: Arc<Self>, stop: CancellationToken) {
        let mut failures = 0u32;
        loop {
            let interval = self.lease().heartbeat_interval;
            let wait = if failures == 0 {
                interval
            } else {
                self.settings.backoff.delay(failures).min(interval)
            };
            tokio::select! {
                biased;
                () = stop.cancelled() => return,
                () = tokio::time::sleep(wait) => {}
            }
            self.expire_overdue_leases();
            let claims: Vec<String> = self
                .in_flight()
                .iter()
                .filter(|(_, entry)| !entry.lease_lost.is_cancelled())
                .map(|(claim, _)| claim.clone())
                .collect();
            if claims.is_empty() {
                failures = 0;
                continue;
            }
            let sent = Instant::now();
            let request = HeartbeatRequest {
                worker_uuid: self.worker_uuid(),
                claim_uuids: claims,
            };
            let result = tokio::select! {
                biased;
                () = stop.cancelled() => return,
                result = self.call(request, self.settings.request_timeout, |mut c, r| async move { c.heartbeat(r).await }) => result,
            };
            match result {
                Ok(response) => {
                    failures = 0;
                    self.reached();
                    let deadline = sent + self.lease().duration;
                    for lease in response.leases {
                        if lease.held {
                            if let Some(entry) = self.in_flight().get_mut(&lease.claim_uuid) {
                                entry.lease_deadline = deadline;
                            }
                        } else if lease.reason == TASK_CANCELLED {
                            self.cancel_claim(&lease.claim_uuid);
                        } else {
                            let reason = if lease.reason.is_empty() {
                                "not held".to_owned()
                            } else {
                                lease.reason
                            };
                            self.lose(&lease.claim_uuid, &reason);
                        }
                    }
                }
                Err(status) => {
                    self.unreachable("Heartbeat", &status);
                    match classify(&status) {
                        Failure::NotFound | Failure::LeaseLost => {
                            tracing::warn!(
                                message = status.message(),
                                "the orchestrator no longer knows this worker"
                            );
                            self.lose_all("the worker's registration was lost");
                            failures = 0;
                        }
                        Failure::Transient | Failure::Permanent => {
                            failures = failures.saturating_add(1);
                            tracing::warn!(code = ?status.code(), message = status.message(), "heartbeat failed; retrying");
                        }
                    }
                }
            }
        }
    }

    /// Cancels the handlers of claims whose lease ran out without a
    /// successful heartbeat.
    fn expire_overdue_leases(&self) {
        let now = Instant::now();
        let overdue: Vec<String> = self
            .in_flight()
            .iter()
            .filter(|(_, e)| e.lease_deadline <= now && !e.lease_lost.is_cancelled())
            .map(|(claim, _)| claim.clone())
            .collect();
        for claim in overdue {
            self.lose(&claim, "lease expired without a successful heartbeat");
        }
    }

    /// Marks one claim's lease lost: its handler is cancelled and nothing is
    /// reported.
    fn lose(&self, claim_uuid: &str, reason: &str) {
        if let Some(entry) = self.in_flight().get(claim_uuid)
            && !entry.lease_lost.is_cancelled()
        {
            tracing::warn!(
                claim = claim_uuid,
                reason,
                "lease lost; cancelling the handler"
            );
            entry.lease_lost.cancel();
            entry.handler_token.cancel();
        }
    }

    /// The step's task was cancelled: its handler is told to stop, and the
    /// attempt is reported (the orchestrator records it as cancelled).
    fn cancel_claim(&self, claim_uuid: &str) {
        if let Some(entry) = self.in_flight().get(claim_uuid)
            && !entry.lease_lost.is_cancelled()
            && !entry.task_cancelled.is_cancelled()
        {
            tracing::info!(claim = claim_uuid, "task cancelled; stopping the handler");
            entry.task_cancelled.cancel();
            entry.handler_token.cancel();
        }
    }

    /// Streams the claims the orchestrator ends while they run (their task
    /// was cancelled) and stops those handlers at once; reconnects with
    /// backoff until `stop`. Heartbeats carry the same news later, so an
    /// orchestrator without the stream (UNIMPLEMENTED) is simply not asked
    /// again.
    pub(super) async fn claim_watch_loop(self: Arc<Self>, stop: CancellationToken) {
        let mut failures = 0u32;
        loop {
            if failures > 0 {
                tokio::select! {
                    biased;
                    () = stop.cancelled() => return,
                    () = tokio::time::sleep(self.settings.backoff.delay(failures)) => {}
                }
            }
            let request = WatchClaimsRequest {
                worker_uuid: self.worker_uuid(),
            };
            let mut client = self.client.clone();
            let opened = tokio::select! {
                biased;
                () = stop.cancelled() => return,
                opened = client.watch_claims(request) => opened,
            };
            let mut stream = match opened {
                Ok(response) => response.into_inner(),
                Err(status) if status.code() == tonic::Code::Unimplemented => return,
                Err(status) => {
                    failures = failures.saturating_add(1);
                    tracing::debug!(code = ?status.code(), message = status.message(), "claim watch failed; retrying");
                    continue;
                }
            };
            loop {
                let next = tokio::select! {
                    biased;
                    () = stop.cancelled() => return,
                    next = stream.message() => next,
                };
                match next {
                    Ok(Some(message)) => {
                        failures = 0;
                        if let Some(lease) = message.lease {
                            self.cancel_claim(&lease.claim_uuid);
                        }
                    }
                    Ok(None) => break,
                    Err(status) => {
                        failures = failures.saturating_add(1);
                        tracing::debug!(code = ?status.code(), message = status.message(), "claim watch ended; reconnecting");
                        break;
                    }
                }
            }
        }
    }

    pub(super) fn lose_all(&self, reason: &str) {
        let claims: Vec<String> = self.in_flight().keys().cloned().collect();
        for claim in claims {
            self.lose(&claim, reason);
        }
    }
}
