//! The SDK against a fake orchestrator: claims, reports, lease loss, retries
//! of transient errors, and draining on shutdown.

// Test helpers may panic: a panic here is a failed test, not a crashed worker.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Fake, StepSpec};
use serde_json::json;
use tasker_examples::example_registry;
use tasker_worker::{
    Backoff, CancellationToken, HandlerRegistry, StatusHandle, StepFailure, Worker, WorkerBuilder,
    WorkerError, convert,
};
use tokio::task::JoinHandle;

const WAIT: Duration = Duration::from_secs(10);

fn builder(addr: SocketAddr) -> WorkerBuilder {
    Worker::builder(format!("http://{addr}"))
        .name("test-worker")
        .namespaces(["examples"])
        .long_poll_wait(Duration::from_millis(200))
        .retry_backoff(Backoff {
            initial: Duration::from_millis(10),
            max: Duration::from_millis(50),
        })
        .drain_timeout(Duration::from_secs(5))
}

/// A running worker and the token that shuts it down.
struct Running {
    shutdown: CancellationToken,
    status: StatusHandle,
    handle: JoinHandle<Result<(), WorkerError>>,
}

impl Running {
    fn start(builder: WorkerBuilder, registry: HandlerRegistry) -> Self {
        let worker = builder.build(registry).expect("worker builds");
        let status = worker.status();
        let shutdown = CancellationToken::new();
        let handle = tokio::spawn(worker.run(shutdown.clone().cancelled_owned()));
        Self {
            shutdown,
            status,
            handle,
        }
    }

    async fn stop(self) -> Result<(), WorkerError> {
        self.shutdown.cancel();
        tokio::time::timeout(WAIT, self.handle)
            .await
            .expect("worker stops in time")
            .expect("worker task")
    }
}

#[tokio::test]
async fn claims_run_handlers_and_complete_with_their_results() {
    let (fake, addr) = Fake::start().await;
    let echo = fake.push(
        StepSpec::new("b", "echo")
            .context(json!({"order": 42, "tags": ["x"]}))
            .dependency("a", json!({"sum": 2})),
    );
    let sum = fake.push(
        StepSpec::new("d", "sum")
            .dependency("b", json!({"sum": 3}))
            .dependency("c", json!({"sum": 4}))
            .config(json!({"add": 1})),
    );
    let noop = fake.push(StepSpec::new("a", "noop"));
    let custom = fake.push(StepSpec::new("c", "whoami").attempt(2));
    let registry = example_registry().with_fn("whoami", |ctx| async move {
        Ok(json!({
            "step": ctx.step_name(),
            "attempt": ctx.attempt(),
            "claim": ctx.claim_uuid(),
            "task": ctx.task_uuid(),
            "namespace": ctx.namespace(),
        }))
    });
    let worker = Running::start(builder(addr).bearer_token("jwt-token"), registry);
    fake.wait_until(WAIT, "four completions", |s| s.completed.len() == 4)
        .await;

    {
        let state = fake.state();
        let results = |claim: &str| {
            let done = state.completion(claim).expect("completed");
            assert!(done.execution_duration.is_some());
            assert_eq!(done.worker_uuid, "worker-1");
            convert::struct_to_json(done.results.as_ref())
        };
        assert_eq!(
            results(&echo),
            json!({"task_context": {"order": 42, "tags": ["x"]}, "dependency_results": {"a": {"sum": 2}}})
        );
        assert_eq!(results(&sum), json!({"sum": 8}));
        assert_eq!(results(&noop), json!({}));
        assert_eq!(
            results(&custom),
            json!({"step": "c", "attempt": 2, "claim": custom, "task": "task-1", "namespace": "examples"})
        );
        assert!(state.failed.is_empty());

        let registration = &state.registrations[0];
        assert_eq!(registration.name, "test-worker");
        assert_eq!(registration.namespaces, ["examples"]);
        assert_eq!(
            registration.handlers,
            [
                "always_fail",
                "echo",
                "fail_then_succeed",
                "noop",
                "sleep",
                "sum",
                "whoami"
            ]
        );
        assert_eq!(registration.max_concurrency, 8);
        assert_eq!(
            state.credentials[0],
            (Some("Bearer jwt-token".to_owned()), None),
            "the bearer token is sent as authorization metadata"
        );
        for claim in &state.claim_requests {
            assert_eq!(claim.worker_uuid, "worker-1");
            assert!(claim.max_steps >= 1 && claim.max_steps <= 8);
        }
    }
    // The fake records a report before the worker hears the answer.
    let mut handle = worker.status.clone();
    let status = tokio::time::timeout(WAIT, handle.wait_for(|s| s.steps_completed == 4))
        .await
        .expect("four completions counted");
    assert!(status.is_ready());
    assert_eq!(status.worker_uuid.as_deref(), Some("worker-1"));

    worker.stop().await.expect("clean stop");
    assert_eq!(fake.state().deregistered, ["worker-1"]);
}

#[tokio::test]
async fn failures_are_reported_with_the_right_retryability() {
    let (fake, addr) = Fake::start().await;
    let flaky = fake.push(StepSpec::new("flaky", "fail_then_succeed"));
    let doomed = fake.push(StepSpec::new("doomed", "always_fail"));
    let missing = fake.push(StepSpec::new("ghost", "no_such_handler"));
    let panics = fake.push(StepSpec::new("panics", "panic"));
    let slow = fake.push(
        StepSpec::new("slow", "sleep")
            .config(json!({"ms": 60_000}))
            .timeout(Duration::from_millis(100)),
    );
    let later = fake.push(StepSpec::new("later", "busy"));
    let registry = example_registry()
        .with_fn("panic", |_| async { panic!("handler bug") })
        .with_fn("busy", |_| async {
            Err(StepFailure::retryable("rate limited")
                .with_class("RateLimited")
                .with_retry_after(Duration::from_secs(7))
                .with_details(json!({"limit": 10})))
        });
    let worker = Running::start(builder(addr).api_key("tk_key"), registry);
    fake.wait_until(WAIT, "six failures", |s| s.failed.len() == 6)
        .await;

    {
        let state = fake.state();
        let error = |claim: &str| {
            let failure = state.failure(claim).expect("failed");
            assert!(failure.execution_duration.is_some());
            failure.error.clone().expect("error")
        };
        let e = error(&flaky);
        assert!(e.retryable);
        assert_eq!(e.error_class, "FlakyFailure");
        let e = error(&doomed);
        assert!(!e.retryable);
        assert_eq!(e.error_class, "AlwaysFails");
        let e = error(&missing);
        assert!(!e.retryable, "a missing handler is permanent");
        assert_eq!(e.error_class, tasker_worker::ERROR_CLASS_NOT_FOUND);
        assert!(e.message.contains("no_such_handler"), "{}", e.message);
        let e = error(&panics);
        assert!(e.retryable, "a panic is retryable");
        assert_eq!(e.error_class, tasker_worker::ERROR_CLASS_PANIC);
        assert!(e.message.contains("handler bug"), "{}", e.message);
        let e = error(&slow);
        assert!(e.retryable, "a timeout is retryable");
        assert_eq!(e.error_class, tasker_worker::ERROR_CLASS_TIMEOUT);
        assert!(e.message.contains("100ms"), "{}", e.message);
        let busy = state.failure(&later).expect("failed");
        assert_eq!(
            busy.retry_after.and_then(|d| Duration::try_from(d).ok()),
            Some(Duration::from_secs(7))
        );
        let e = busy.error.clone().expect("error");
        assert_eq!((e.error_class.as_str(), e.retryable), ("RateLimited", true));
        assert_eq!(
            convert::struct_to_json(e.details.as_ref()),
            json!({"limit": 10})
        );
        assert!(state.completed.is_empty());
        assert_eq!(state.credentials[0], (None, Some("tk_key".to_owned())));
    }
    let mut handle = worker.status.clone();
    tokio::time::timeout(WAIT, handle.wait_for(|s| s.steps_failed == 6))
        .await
        .expect("six failures counted");
    worker.stop().await.expect("clean stop");
}

#[tokio::test]
async fn a_lost_lease_cancels_the_handler_and_nothing_is_reported() {
    let (fake, addr) = Fake::start().await;
    let cancelled = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&cancelled);
    let registry = HandlerRegistry::new().with_fn("wait", move |ctx| {
        let seen = Arc::clone(&seen);
        async move {
            ctx.cancellation().cancelled().await;
            seen.store(true, Ordering::SeqCst);
            // Whatever a cancelled handler returns is not reported.
            Ok(json!({"finished": true}))
        }
    });
    let claim = fake.push(StepSpec::new("long", "wait"));
    let worker = Running::start(builder(addr), registry);
    fake.wait_until(WAIT, "the step to be claimed and heartbeated", |s| {
        s.heartbeats.iter().any(|h| h.claim_uuids.contains(&claim))
    })
    .await;
    fake.lose(&claim);

    let mut status = worker.status.clone();
    tokio::time::timeout(WAIT, status.wait_for(|s| s.steps_abandoned == 1))
        .await
        .expect("the attempt is abandoned");
    assert!(
        cancelled.load(Ordering::SeqCst),
        "the handler saw its token fire"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    {
        let state = fake.state();
        assert_eq!(state.reports(), 0, "no report after a lost lease");
        assert!(state.refused_reports.is_empty(), "not even an attempt");
    }
    let snapshot = worker.status.snapshot();
    assert_eq!(snapshot.in_flight, 0);
    assert!(snapshot.is_ready(), "the worker goes on");

    // It keeps working afterwards.
    let next = fake.push(StepSpec::new("next", "wait"));
    fake.wait_until(WAIT, "the next claim", |s| s.claimed.contains(&next))
        .await;
    worker.stop().await.expect("clean stop");
}

#[tokio::test]
async fn unavailable_is_retried_for_registration_claims_and_reports() {
    let (fake, addr) = Fake::start().await;
    {
        let mut state = fake.state();
        state.unavailable_registrations = 2;
        state.unavailable_claims = 3;
        state.unavailable_reports = 2;
    }
    let claim = fake.push(StepSpec::new("a", "noop"));
    let worker = Running::start(builder(addr), example_registry());
    fake.wait_until(WAIT, "the completion", |s| s.completion(&claim).is_some())
        .await;
    {
        let state = fake.state();
        assert_eq!(state.register_calls, 3);
        assert!(state.claim_calls >= 4, "{}", state.claim_calls);
        assert_eq!(state.report_calls, 3);
        assert_eq!(state.registrations.len(), 1);
    }
    worker.stop().await.expect("clean stop");
}

#[tokio::test]
async fn an_unreachable_orchestrator_is_retried_until_it_appears() {
    // Reserve a port, then free it: the worker starts against nothing.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port");
    let worker = Running::start(builder(port), example_registry());
    let mut status = worker.status.clone();
    let down = tokio::time::timeout(WAIT, status.wait_for(|s| s.last_error.is_some()))
        .await
        .expect("a connection error is recorded");
    assert!(!down.registered && !down.is_ready());
    assert!(
        down.last_error
            .as_deref()
            .is_some_and(|e| e.contains("Unavailable")),
        "{down:?}"
    );
    assert!(!worker.handle.is_finished(), "the worker keeps trying");

    // The orchestrator comes up on that port: the worker registers and works.
    let (fake, _) = Fake::start_at(port).await;
    let claim = fake.push(StepSpec::new("a", "noop"));
    fake.wait_until(WAIT, "the completion", |s| s.completion(&claim).is_some())
        .await;
    assert!(worker.status.snapshot().is_ready());
    worker.stop().await.expect("clean stop");
    assert_eq!(fake.state().deregistered, ["worker-1"]);
}

#[tokio::test]
async fn shutdown_before_registration_stops_at_once() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port");
    let worker = Running::start(builder(port), example_registry());
    tokio::time::sleep(Duration::from_millis(100)).await;
    let status = worker.status.clone();
    worker.stop().await.expect("clean stop");
    let last = status.snapshot();
    assert!(last.stopped && !last.registered);
}

#[tokio::test]
async fn a_permanent_refusal_ends_the_run() {
    let (fake, addr) = Fake::start().await;
    fake.state().reject_registration = Some(tonic::Code::Unauthenticated);
    let worker = builder(addr)
        .api_key("wrong")
        .build(example_registry())
        .expect("builds");
    let result = tokio::time::timeout(WAIT, worker.run(std::future::pending()))
        .await
        .expect("returns");
    match result {
        Err(WorkerError::Rejected { rpc, code, .. }) => {
            assert_eq!(
                (rpc, code),
                ("RegisterWorker", tonic::Code::Unauthenticated)
            );
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    assert_eq!(fake.state().register_calls, 1, "not retried");
}

#[tokio::test]
async fn empty_answers_without_a_long_poll_are_backed_off() {
    let (fake, addr) = Fake::start().await;
    let worker = Running::start(
        builder(addr).long_poll_wait(Duration::ZERO),
        example_registry(),
    );
    fake.wait_until(WAIT, "registration", |s| !s.registrations.is_empty())
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let calls = fake.state().claim_calls;
    // Backoff of 10 ms doubling to 50 ms: about 12 calls, not thousands.
    assert!(calls <= 40, "{calls} claims in 500 ms");
    let claim = fake.push(StepSpec::new("a", "noop"));
    fake.wait_until(WAIT, "the completion", |s| s.completion(&claim).is_some())
        .await;
    worker.stop().await.expect("clean stop");
}

#[tokio::test]
async fn claims_never_exceed_the_free_slots() {
    let (fake, addr) = Fake::start().await;
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (r, p) = (Arc::clone(&running), Arc::clone(&peak));
    let registry = HandlerRegistry::new().with_fn("busy", move |_| {
        let (running, peak) = (Arc::clone(&r), Arc::clone(&p));
        async move {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            running.fetch_sub(1, Ordering::SeqCst);
            Ok(json!({}))
        }
    });
    for i in 0..7 {
        fake.push(StepSpec::new(&format!("s{i}"), "busy"));
    }
    let worker = Running::start(builder(addr).concurrency(2).claim_batch_size(5), registry);
    fake.wait_until(WAIT, "seven completions", |s| s.completed.len() == 7)
        .await;
    assert!(
        peak.load(Ordering::SeqCst) <= 2,
        "peak {}",
        peak.load(Ordering::SeqCst)
    );
    {
        let state = fake.state();
        assert!(state.claim_requests.iter().all(|c| c.max_steps <= 2));
        assert_eq!(state.registrations[0].max_concurrency, 2);
    }
    worker.stop().await.expect("clean stop");
}

#[tokio::test]
async fn shutdown_drains_in_flight_steps_then_deregisters() {
    let (fake, addr) = Fake::start().await;
    let token_fired = Arc::new(AtomicUsize::new(0));
    let fired = Arc::clone(&token_fired);
    // Finishes its work despite the shutdown signal, noting that it saw it.
    let registry = HandlerRegistry::new().with_fn("steady", move |ctx| {
        let fired = Arc::clone(&fired);
        async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if ctx.is_cancelled() {
                fired.fetch_add(1, Ordering::SeqCst);
            }
            Ok(json!({"done": ctx.step_name()}))
        }
    });
    let a = fake.push(StepSpec::new("a", "steady"));
    let b = fake.push(StepSpec::new("b", "steady"));
    let worker = Running::start(builder(addr), registry);
    let mut status = worker.status.clone();
    tokio::time::timeout(WAIT, status.wait_for(|s| s.in_flight == 2))
        .await
        .expect("both steps start");

    let started = Instant::now();
    let status = worker.status.clone();
    worker.stop().await.expect("clean stop");
    assert!(started.elapsed() < Duration::from_secs(3));
    let claims_before = {
        let state = fake.state();
        assert!(state.completion(&a).is_some() && state.completion(&b).is_some());
        assert_eq!(state.deregistered, ["worker-1"]);
        assert_eq!(state.released, 0, "nothing left to release");
        state.claim_calls
    };
    assert_eq!(
        token_fired.load(Ordering::SeqCst),
        2,
        "handlers were told about the shutdown"
    );
    let last = status.snapshot();
    assert!(last.stopped && !last.registered && last.shutting_down);
    // No claims after the stop.
    let later = fake.push(StepSpec::new("late", "steady"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let state = fake.state();
    assert_eq!(state.claim_calls, claims_before);
    assert!(!state.claimed.contains(&later));
}

#[tokio::test]
async fn the_drain_timeout_abandons_stubborn_steps_and_deregistration_releases_them() {
    let (fake, addr) = Fake::start().await;
    let registry = HandlerRegistry::new().with_fn("stubborn", |_| async {
        // Ignores its cancellation token.
        tokio::time::sleep(Duration::from_secs(60)).await;
        Ok(json!({}))
    });
    let claim = fake.push(StepSpec::new("a", "stubborn"));
    let worker = Running::start(
        builder(addr).drain_timeout(Duration::from_millis(200)),
        registry,
    );
    fake.wait_until(WAIT, "the claim", |s| s.claimed.contains(&claim))
        .await;
    let status = worker.status.clone();
    let started = Instant::now();
    worker.stop().await.expect("clean stop");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let state = fake.state();
    assert_eq!(state.reports(), 0);
    assert_eq!(state.released, 1, "deregistration released the lease");
    assert_eq!(status.snapshot().steps_abandoned, 1);
}

#[tokio::test]
async fn reports_are_batched_and_carry_the_next_claims() {
    let (fake, addr) = Fake::start().await;
    let registry = HandlerRegistry::new().with_fn("nap", |_| async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Ok(json!({"napped": true}))
    });
    for i in 0..40 {
        fake.push(StepSpec::new(&format!("s{i}"), "nap"));
    }
    let worker = Running::start(builder(addr).concurrency(8).claim_batch_size(8), registry);
    fake.wait_until(WAIT, "forty completions", |s| s.completed.len() == 40)
        .await;
    {
        let state = fake.state();
        // Every result went through ReportResults; results finishing while a
        // batch was on the wire shared the next one.
        assert_eq!(state.report_batches.iter().sum::<usize>(), 40);
        assert!(
            state.report_batches.iter().any(|&n| n > 1),
            "no batch carried more than one report: {:?}",
            state.report_batches
        );
        // The slots freed by reported steps were filled from the answers.
        assert!(state.claimed_with_reports > 0, "no claim rode on a report");
        assert_eq!(state.claimed.len(), 40);
        assert!(state.refused_reports.is_empty());
    }
    worker.stop().await.expect("clean stop");
}

#[tokio::test]
async fn an_orchestrator_without_batched_reports_gets_one_call_per_result() {
    let (fake, addr) = Fake::start().await;
    fake.state().no_report_results = true;
    let ok = fake.push(StepSpec::new("a", "noop"));
    let failing = fake.push(StepSpec::new("b", "always_fail"));
    let worker = Running::start(builder(addr), example_registry());
    fake.wait_until(WAIT, "both reports", |s| s.reports() == 2)
        .await;
    {
        let state = fake.state();
        assert!(state.completion(&ok).is_some());
        assert!(state.failure(&failing).is_some());
        assert!(state.report_batches.is_empty());
    }
    worker.stop().await.expect("clean stop");
}
