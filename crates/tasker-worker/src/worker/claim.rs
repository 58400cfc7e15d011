//! Claiming steps into the free concurrency slots with a long poll, and
//! running each step's handler on its own task under its timeout.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tasker_proto::v1::{ClaimStepsRequest, ClaimedStep};
use tokio::sync::OwnedSemaphorePermit;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use crate::WorkerError;
use crate::handler::{StepContext, StepFailure};
use crate::observe::StepOutcome;
use crate::retry::{Failure, classify, delay_after};

use super::report::Outcome;
use super::{
    AbortOnDrop, ERROR_CLASS_CANCELLED, ERROR_CLASS_NOT_FOUND, ERROR_CLASS_PANIC,
    ERROR_CLASS_TIMEOUT, InFlight, Runtime,
};

/// Removes a claim from the in-flight set when its task ends, however it ends.
struct InFlightGuard {
    runtime: Arc<Runtime>,
    claim_uuid: String,
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        let count = {
            let mut in_flight = self.runtime.in_flight();
            in_flight.remove(&self.claim_uuid);
            in_flight.len()
        };
        self.runtime.status.send_modify(|s| s.in_flight = count);
        self.runtime.metrics.set_in_flight(count);
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_owned()
    }
}

impl Runtime {
    /// Claims and starts steps until shutdown or a permanent refusal.
    pub(super) async fn claim_loop(self: &Arc<Self>) -> Result<(), WorkerError> {
        let mut failures = 0u32;
        // Empty answers that came back at once (no long poll: the server is
        // draining, or the wait is 0), which are backed off like failures so
        // the worker does not spin.
        let mut early_empty = 0u32;
        loop {
            self.reap();
            let first = tokio::select! {
                biased;
                () = self.shutdown.cancelled() => return Ok(()),
                permit = Arc::clone(&self.semaphore).acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => return Ok(()),
                },
            };
            let mut permits = vec![first];
            while permits.len() < self.settings.claim_batch_size {
                match Arc::clone(&self.semaphore).try_acquire_owned() {
                    Ok(permit) => permits.push(permit),
                    Err(_) => break,
                }
            }
            let wait = self.settings.long_poll_wait;
            let request = ClaimStepsRequest {
                worker_uuid: self.worker_uuid(),
                max_steps: i32::try_from(permits.len()).unwrap_or(i32::MAX),
                wait_timeout: Some(wait.into()),
            };
            let sent = Instant::now();
            let result = tokio::select! {
                biased;
                () = self.shutdown.cancelled() => return Ok(()),
                result = self.call(request, wait + self.settings.request_timeout, |mut c, r| async move { c.claim_steps(r).await }) => result,
            };
            match result {
                Ok(response) => {
                    failures = 0;
                    self.reached();
                    let received = Instant::now();
                    let at_once = wait.is_zero()
                        || received - sent < (wait / 2).min(Duration::from_millis(250));
                    if response.steps.is_empty() && at_once {
                        drop(permits);
                        early_empty = early_empty.saturating_add(1);
                        let delay = self.settings.backoff.delay(early_empty);
                        tracing::debug!(retry_in = ?delay, "empty claim answered at once; backing off");
                        if self.sleep_unless_shutdown(delay).await {
                            return Ok(());
                        }
                        continue;
                    }
                    early_empty = 0;
                    if response.steps.len() > permits.len() {
                        tracing::warn!(
                            asked = permits.len(),
                            got = response.steps.len(),
                            "the orchestrator sent more steps than asked for; the extra ones wait for a free slot"
                        );
                    }
                    for claim in response.steps {
                        self.start(claim, permits.pop(), received);
                    }
                }
                Err(status) => {
                    self.unreachable("ClaimSteps", &status);
                    drop(permits);
                    match classify(&status) {
                        Failure::Transient => {
                            failures = failures.saturating_add(1);
                            let delay = delay_after(&self.settings.backoff, failures, &status);
                            tracing::warn!(code = ?status.code(), message = status.message(), retry_in = ?delay, "claim failed; retrying");
                            if self.sleep_unless_shutdown(delay).await {
                                return Ok(());
                            }
                        }
                        Failure::NotFound | Failure::LeaseLost => {
                            tracing::warn!(
                                code = ?status.code(),
                                message = status.message(),
                                "the orchestrator no longer knows this worker; registering again"
                            );
                            self.lose_all("the worker's registration was lost");
                            if !self.register().await? {
                                return Ok(());
                            }
                        }
                        Failure::Permanent => {
                            return Err(WorkerError::rejected("ClaimSteps", &status));
                        }
                    }
                }
            }
        }
    }

    /// Records a claim as in flight and runs it on its own task.
    pub(super) fn start(
        self: &Arc<Self>,
        claim: ClaimedStep,
        permit: Option<OwnedSemaphorePermit>,
        received: Instant,
    ) {
        let handler_token = self.shutdown.child_token();
        let lease_lost = CancellationToken::new();
        let task_cancelled = CancellationToken::new();
        let entry = InFlight {
            handler_token: handler_token.clone(),
            lease_lost: lease_lost.clone(),
            task_cancelled: task_cancelled.clone(),
            lease_deadline: received + self.lease().duration,
        };
        let count = {
            let mut in_flight = self.in_flight();
            in_flight.insert(claim.claim_uuid.clone(), entry);
            in_flight.len()
        };
        self.status.send_modify(|s| s.in_flight = count);
        self.metrics.set_in_flight(count);
        let span = tracing::info_span!(
            parent: None,
            "step",
            claim = %claim.claim_uuid,
            step = claim.step.as_ref().map_or("", |s| s.name.as_str()),
            handler = claim.step.as_ref().map_or("", |s| s.handler.as_str()),
            attempt = claim.attempt,
            trace_id = tracing::field::Empty,
        );
        // A step continues the trace its task was created in: with spans
        // exported, the step's span is a child of the creating request's.
        tasker_telemetry::continue_trace_from(&span, &claim.traceparent);
        let runtime = Arc::clone(self);
        self.tasks().spawn(
            async move {
                let guard = InFlightGuard {
                    runtime: Arc::clone(&runtime),
                    claim_uuid: claim.claim_uuid.clone(),
                };
                runtime
                    .execute(claim, permit, handler_token, lease_lost, task_cancelled)
                    .await;
                drop(guard);
            }
            .instrument(span),
        );
    }

    async fn execute(
        &self,
        claim: ClaimedStep,
        permit: Option<OwnedSemaphorePermit>,
        handler_token: CancellationToken,
        lease_lost: CancellationToken,
        task_cancelled: CancellationToken,
    ) {
        let permit = match permit {
            Some(permit) => permit,
            None => tokio::select! {
                biased;
                () = self.hard_stop.cancelled() => return self.abandoned("drain timeout reached before a slot was free"),
                () = lease_lost.cancelled() => return self.abandoned("lease lost before a slot was free"),
                permit = Arc::clone(&self.semaphore).acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => return self.abandoned("worker stopped"),
                },
            },
        };
        let ctx = StepContext::from_claim(
            &claim,
            self.settings.default_step_timeout,
            handler_token.clone(),
        );
        tracing::debug!(timeout = ?ctx.timeout(), "running handler");
        let started = Instant::now();
        let outcome = self
            .run_handler(ctx, &handler_token, &lease_lost, &task_cancelled)
            .await;
        let elapsed = started.elapsed();
        let handler = claim.step.as_ref().map_or("", |s| s.handler.as_str());
        let counted = match &outcome {
            Outcome::Abandon(_) => StepOutcome::Abandoned,
            Outcome::Report(Ok(_)) => StepOutcome::Succeeded,
            Outcome::Report(Err(failure)) if failure.retryable => StepOutcome::RetryableFailure,
            Outcome::Report(Err(_)) => StepOutcome::PermanentFailure,
        };
        self.metrics.record(handler, counted, elapsed);
        match outcome {
            Outcome::Abandon(reason) => self.abandoned(reason),
            Outcome::Report(result) => {
                self.report_outcome(&claim.claim_uuid, result, elapsed, permit)
                    .await;
            }
        }
    }

    async fn run_handler(
        &self,
        ctx: StepContext,
        handler_token: &CancellationToken,
        lease_lost: &CancellationToken,
        task_cancelled: &CancellationToken,
    ) -> Outcome {
        let Some(handler) = self.registry.get(ctx.handler_name()) else {
            return Outcome::Report(Err(StepFailure::permanent(format!(
                "no handler named {:?} is registered on this worker",
                ctx.handler_name()
            ))
            .with_class(ERROR_CLASS_NOT_FOUND)));
        };
        let timeout = ctx.timeout();
        let mut task = AbortOnDrop(tokio::spawn(async move { handler.call(ctx).await }));
        tokio::select! {
            biased;
            () = lease_lost.cancelled() => {
                handler_token.cancel();
                let _ = tokio::time::timeout(self.settings.cancel_grace, &mut task.0).await;
                Outcome::Abandon("lease lost")
            }
            () = task_cancelled.cancelled() => {
                handler_token.cancel();
                let _ = tokio::time::timeout(self.settings.cancel_grace, &mut task.0).await;
                Outcome::Report(Err(StepFailure::permanent("the task was cancelled while the step ran")
                    .with_class(ERROR_CLASS_CANCELLED)))
            }
            () = self.hard_stop.cancelled() => Outcome::Abandon("drain timeout reached during shutdown"),
            joined = &mut task.0 => match joined {
                Ok(_) if lease_lost.is_cancelled() => Outcome::Abandon("lease lost"),
                Ok(result) => Outcome::Report(result),
                Err(error) if error.is_panic() => {
                    let message = panic_message(error.into_panic());
                    tracing::error!(panic = %message, "handler panicked");
                    Outcome::Report(Err(StepFailure::retryable(format!("handler panicked: {message}"))
                        .with_class(ERROR_CLASS_PANIC)))
                }
                Err(_) => Outcome::Abandon("handler task was cancelled"),
            },
            () = tokio::time::sleep(timeout) => {
                handler_token.cancel();
                Outcome::Report(Err(StepFailure::retryable(format!(
                    "handler did not finish within the step timeout of {}",
                    tasker_core::format_duration(timeout)
                ))
                .with_class(ERROR_CLASS_TIMEOUT)))
            }
        }
    }

    fn abandoned(&self, reason: &'static str) {
        tracing::warn!(reason, "attempt abandoned; nothing reported");
        self.status.send_modify(|s| s.steps_abandoned += 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_messages() {
        assert_eq!(panic_message(Box::new("boom")), "boom");
        assert_eq!(panic_message(Box::new(String::from("bang"))), "bang");
        assert_eq!(panic_message(Box::new(3)), "non-string panic payload");
    }
}
