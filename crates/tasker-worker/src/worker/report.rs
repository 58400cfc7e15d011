//! Reporting outcomes: `ReportResults` batches that claim the next steps
//! into the freed slots, or one `CompleteStep` / `FailStep` per outcome
//! against an orchestrator without it.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use tasker_proto::v1::{
    AttemptFailure, CompleteStepRequest, FailStepRequest, ReportResultsRequest, StepReport,
    step_report,
};
use tokio::sync::{OwnedSemaphorePermit, mpsc, oneshot};

use crate::convert;
use crate::handler::HandlerResult;
use crate::retry::{Failure, classify, delay_after};

use super::{Client, Runtime};

/// Most reports sent in one `ReportResults` call (the orchestrator's bound).
const MAX_REPORT_BATCH: usize = 100;

/// How an attempt ended.
pub(super) enum Outcome {
    /// The handler returned (or timed out, or panicked): report this.
    Report(HandlerResult),
    /// Nothing may be reported.
    Abandon(&'static str),
}

/// An attempt's outcome waiting for the reporter, with the concurrency slot
/// its handler used: the reporter claims the worker's next steps into the
/// slots of the reports it sends.
pub(super) struct PendingReport {
    pub(super) report: StepReport,
    pub(super) permit: Option<OwnedSemaphorePermit>,
    /// `true` once the orchestrator recorded the outcome.
    pub(super) recorded: oneshot::Sender<bool>,
}

/// What became of one report in a batch.
enum Verdict {
    Recorded,
    Dropped,
    Again,
}

/// What to do with one report of a batch, from its status.
fn verdict(rpc: &str, status: &tasker_proto::pb::google::rpc::Status) -> Verdict {
    let code = tonic::Code::from_i32(status.code);
    if code == tonic::Code::Ok {
        return Verdict::Recorded;
    }
    match classify(&tonic::Status::new(code, status.message.clone())) {
        Failure::Transient => Verdict::Again,
        Failure::LeaseLost | Failure::NotFound => {
            tracing::warn!(
                rpc,
                message = %status.message,
                "lease lost before the report; result dropped"
            );
            Verdict::Dropped
        }
        Failure::Permanent => {
            tracing::error!(rpc, ?code, message = %status.message, "report refused; result dropped");
            Verdict::Dropped
        }
    }
}

impl Runtime {
    /// Hands an attempt's outcome (and its concurrency slot) to the reporter
    /// and waits until it is recorded or dropped.
    pub(super) async fn report_outcome(
        &self,
        claim_uuid: &str,
        result: HandlerResult,
        elapsed: Duration,
        permit: OwnedSemaphorePermit,
    ) {
        let outcome = match &result {
            Ok(results) => step_report::Outcome::Results(convert::results_to_struct(results)),
            Err(failure) => step_report::Outcome::Failure(AttemptFailure {
                error: Some(failure.to_proto()),
                retry_after: failure.retry_after.map(Into::into),
            }),
        };
        let (recorded, answer) = oneshot::channel();
        let pending = PendingReport {
            report: StepReport {
                claim_uuid: claim_uuid.to_owned(),
                execution_duration: Some(elapsed.into()),
                outcome: Some(outcome),
            },
            permit: Some(permit),
            recorded,
        };
        let recorded = self.reports.send(pending).is_ok() && answer.await.unwrap_or(false);
        match (&result, recorded) {
            (Ok(_), true) => {
                tracing::info!(?elapsed, "step completed");
                self.status.send_modify(|s| s.steps_completed += 1);
            }
            (Err(failure), true) => {
                tracing::warn!(
                    error_class = %failure.error_class,
                    retryable = failure.retryable,
                    message = %failure.message,
                    ?elapsed,
                    "step failed"
                );
                self.status.send_modify(|s| s.steps_failed += 1);
            }
            (_, false) => self.status.send_modify(|s| s.steps_abandoned += 1),
        }
    }

    /// Sends the queued reports, coalescing whatever queued while the last
    /// batch was on the wire, until the worker stops.
    pub(super) async fn report_loop(
        self: Arc<Self>,
        mut queue: mpsc::UnboundedReceiver<PendingReport>,
    ) {
        while let Some(first) = queue.recv().await {
            let mut batch = vec![first];
            while batch.len() < MAX_REPORT_BATCH {
                match queue.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
            if self.unary_reports.load(Ordering::Relaxed) {
                futures_util::future::join_all(batch.into_iter().map(|p| self.report_unary(p)))
                    .await;
            } else {
                self.report_batch(batch).await;
            }
        }
    }

    /// Reports one outcome with CompleteStep or FailStep (servers without
    /// `ReportResults`).
    async fn report_unary(&self, pending: PendingReport) {
        let PendingReport {
            report, recorded, ..
        } = pending;
        let worker_uuid = self.worker_uuid();
        let execution_duration = report.execution_duration;
        let accepted = match report.outcome {
            Some(step_report::Outcome::Results(results)) => {
                let request = CompleteStepRequest {
                    worker_uuid,
                    claim_uuid: report.claim_uuid,
                    results: Some(results),
                    execution_duration,
                };
                self.report("CompleteStep", &request, |mut c, r| async move {
                    c.complete_step(r).await
                })
                .await
            }
            Some(step_report::Outcome::Failure(failure)) => {
                let request = FailStepRequest {
                    worker_uuid,
                    claim_uuid: report.claim_uuid,
                    error: failure.error,
                    execution_duration,
                    retry_after: failure.retry_after,
                };
                self.report("FailStep", &request, |mut c, r| async move {
                    c.fail_step(r).await
                })
                .await
            }
            None => false,
        };
        let _ = recorded.send(accepted);
    }

    /// Sends one batch with `ReportResults`, claiming the next steps into
    /// the slots of the reports; retries what may be sent again a bounded
    /// number of times.
    async fn report_batch(self: &Arc<Self>, mut pending: Vec<PendingReport>) {
        const RPC: &str = "ReportResults";
        let attempts = self.settings.report_attempts;
        let mut attempt = 0;
        while !pending.is_empty() {
            attempt += 1;
            let slots = pending.iter().filter(|p| p.permit.is_some()).count();
            let request = ReportResultsRequest {
                worker_uuid: self.worker_uuid(),
                reports: pending.iter().map(|p| p.report.clone()).collect(),
                claim_max_steps: if self.shutdown.is_cancelled() {
                    0
                } else {
                    i32::try_from(slots).unwrap_or(i32::MAX)
                },
            };
            let status = match self
                .call(
                    request,
                    self.settings.request_timeout,
                    |mut c, r| async move { c.report_results(r).await },
                )
                .await
            {
                Ok(response) => {
                    self.reached();
                    let received = Instant::now();
                    let mut results = response.results.into_iter();
                    let mut again = Vec::new();
                    let mut free = Vec::new();
                    for mut report in pending {
                        let verdict = match results.next().and_then(|r| r.status) {
                            Some(status) => verdict(RPC, &status),
                            None => {
                                tracing::error!(
                                    "the orchestrator answered fewer results than reports; result dropped"
                                );
                                Verdict::Dropped
                            }
                        };
                        match verdict {
                            Verdict::Again => again.push(report),
                            Verdict::Recorded | Verdict::Dropped => {
                                free.extend(report.permit.take());
                                let _ = report.recorded.send(matches!(verdict, Verdict::Recorded));
                            }
                        }
                    }
                    for claim in response.claimed {
                        self.start(claim, free.pop(), received);
                    }
                    drop(free);
                    pending = again;
                    if pending.is_empty() {
                        return;
                    }
                    tonic::Status::unavailable("some reports could not be recorded now")
                }
                Err(status) if status.code() == tonic::Code::Unimplemented => {
                    tracing::info!(
                        "the orchestrator has no ReportResults; reporting one call per result"
                    );
                    self.unary_reports.store(true, Ordering::Relaxed);
                    futures_util::future::join_all(
                        pending.into_iter().map(|p| self.report_unary(p)),
                    )
                    .await;
                    return;
                }
                Err(status) => status,
            };
            let give_up = match classify(&status) {
                Failure::Transient => attempt >= attempts,
                Failure::LeaseLost | Failure::NotFound | Failure::Permanent => true,
            };
            if give_up {
                tracing::error!(rpc = RPC, attempt, code = ?status.code(), message = status.message(), reports = pending.len(), "reports not recorded; results dropped");
                break;
            }
            self.unreachable(RPC, &status);
            let delay = delay_after(&self.settings.backoff, attempt, &status);
            tracing::warn!(rpc = RPC, attempt, code = ?status.code(), message = status.message(), retry_in = ?delay, "reports not recorded; retrying");
            tokio::select! {
                biased;
                () = self.hard_stop.cancelled() => break,
                () = tokio::time::sleep(delay) => {}
            }
        }
        for report in pending {
            let _ = report.recorded.send(false);
        }
    }

    /// Sends a report, retrying transient failures a bounded number of times.
    /// `true` when the orchestrator accepted it.
    async fn report<Req, Resp, F, Fut>(&self, rpc: &'static str, request: &Req, send: F) -> bool
    where
        Req: Clone,
        F: Fn(Client, tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Resp>, tonic::Status>>,
    {
        let attempts = self.settings.report_attempts;
        for attempt in 1..=attempts {
            let status = match self
                .call(request.clone(), self.settings.request_timeout, &send)
                .await
            {
                Ok(_) => {
                    self.reached();
                    return true;
                }
                Err(status) => status,
            };
            match classify(&status) {
                Failure::LeaseLost => {
                    tracing::warn!(
                        rpc,
                        message = status.message(),
                        "lease lost before the report; result dropped"
                    );
                    return false;
                }
                Failure::NotFound => {
                    tracing::warn!(
                        rpc,
                        message = status.message(),
                        "the orchestrator does not know this claim; result dropped"
                    );
                    return false;
                }
                Failure::Permanent => {
                    tracing::error!(rpc, code = ?status.code(), message = status.message(), "report refused; result dropped");
                    return false;
                }
                Failure::Transient => {
                    self.unreachable(rpc, &status);
                    if attempt == attempts {
                        tracing::error!(rpc, attempts, code = ?status.code(), message = status.message(), "report failed; giving up");
                        return false;
                    }
                    let delay = delay_after(&self.settings.backoff, attempt, &status);
                    tracing::warn!(rpc, attempt, code = ?status.code(), message = status.message(), retry_in = ?delay, "report failed; retrying");
                    tokio::select! {
                        biased;
                        () = self.hard_stop.cancelled() => return false,
                        () = tokio::time::sleep(delay) => {}
                    }
                }
            }
        }
        false
    }
}
