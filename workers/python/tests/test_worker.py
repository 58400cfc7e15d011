"""The worker runtime against a scripted, in-process WorkerService (grpc.aio
on port 0): claiming, reporting in batches, heartbeats, cancellation,
retries honouring RetryInfo, refusal and drain."""

import asyncio
import contextlib
import time

import grpc
import pytest
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2

from tasker_worker import PermanentError, RetryableError, Worker, WorkerRejected, _convert
from tasker_worker.pb import step_pb2, worker_pb2, worker_pb2_grpc

OK = status_pb2.Status(code=0)


def claim(n, handler="h", timeout=None, attempt=1):
    step = step_pb2.Step(step_uuid=f"s{n}", task_uuid=f"t{n}", name=f"step{n}", handler=handler, max_attempts=3)
    if timeout is not None:
        step.timeout.CopyFrom(_convert.seconds_to_duration(timeout))
    out = worker_pb2.ClaimedStep(claim_uuid=f"c{n}", step=step, namespace="ns", attempt=attempt)
    out.task_context.update({"n": n})
    return out


def unavailable_with_retry_info(seconds):
    packed = any_pb2.Any()
    packed.Pack(error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=0, nanos=int(seconds * 1e9))))
    status = status_pb2.Status(code=grpc.StatusCode.UNAVAILABLE.value[0], message="busy", details=[packed])
    return (("grpc-status-details-bin", status.SerializeToString()),)


class Fake(worker_pb2_grpc.WorkerServiceServicer):
    """A WorkerService that hands out the claims queued on it and records
    what the worker sends."""

    def __init__(self):
        self.ready = asyncio.Queue()
        self.reports = []
        self.unary = []
        self.register_calls = []
        self.register_failures = []
        self.heartbeats = []
        self.held = {}
        self.deregistered = asyncio.Event()
        self.cancelled_claims = asyncio.Queue()
        self.claim_requests = []
        self.handed_out = []
        self.reported = asyncio.Event()
        self.lease = 30.0
        self.report_results_unimplemented = False
        self.report_delay = 0.0
        self.metadata = []

    async def RegisterWorker(self, request, context):
        self.register_calls.append((time.monotonic(), request))
        self.metadata.append(dict(context.invocation_metadata()))
        if self.register_failures:
            code, trailers = self.register_failures.pop(0)
            await context.abort(code, "scripted failure", trailing_metadata=trailers)
        return worker_pb2.RegisterWorkerResponse(
            worker=worker_pb2.Worker(worker_uuid="w1", name=request.name),
            lease_duration=_convert.seconds_to_duration(self.lease),
            heartbeat_interval=_convert.seconds_to_duration(self.lease / 3),
        )

    async def DeregisterWorker(self, request, context):
        self.deregistered.set()
        return worker_pb2.DeregisterWorkerResponse()

    def _take(self, most):
        out = []
        while len(out) < most and not self.ready.empty():
            out.append(self.ready.get_nowait())
        return out

    async def ClaimSteps(self, request, context):
        self.claim_requests.append(request.max_steps)
        wait = request.wait_timeout.seconds + request.wait_timeout.nanos / 1e9
        try:
            first = await asyncio.wait_for(self.ready.get(), timeout=wait)
        except asyncio.TimeoutError:
            return worker_pb2.ClaimStepsResponse()
        steps = [first, *self._take(request.max_steps - 1)]
        self.handed_out.extend(s.claim_uuid for s in steps)
        return worker_pb2.ClaimStepsResponse(steps=steps)

    async def Heartbeat(self, request, context):
        self.heartbeats.append(list(request.claim_uuids))
        leases = []
        for claim_uuid in request.claim_uuids:
            reason = self.held.get(claim_uuid)
            leases.append(worker_pb2.LeaseStatus(claim_uuid=claim_uuid, held=reason is None, reason=reason or ""))
        return worker_pb2.HeartbeatResponse(leases=leases)

    async def WatchClaims(self, request, context):
        while True:
            claim_uuid = await self.cancelled_claims.get()
            yield worker_pb2.WatchClaimsResponse(
                lease=worker_pb2.LeaseStatus(claim_uuid=claim_uuid, held=False, reason="task_cancelled")
            )

    async def ReportResults(self, request, context):
        if self.report_results_unimplemented:
            await context.abort(grpc.StatusCode.UNIMPLEMENTED, "no batches here")
        await asyncio.sleep(self.report_delay)
        self.reports.extend(request.reports)
        self.reported.set()
        return worker_pb2.ReportResultsResponse(
            results=[worker_pb2.StepReportResult(claim_uuid=r.claim_uuid, status=OK) for r in request.reports],
            claimed=self._take(request.claim_max_steps),
        )

    async def CompleteStep(self, request, context):
        self.unary.append(request)
        self.reported.set()
        return worker_pb2.CompleteStepResponse()

    async def FailStep(self, request, context):
        self.unary.append(request)
        self.reported.set()
        return worker_pb2.FailStepResponse()

    async def wait_reports(self, count, timeout=10.0):
        deadline = time.monotonic() + timeout
        while len(self.reports) + len(self.unary) < count:
            assert time.monotonic() < deadline, f"{len(self.reports)} reports of {count}"
            self.reported.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.reported.wait(), timeout=0.1)


async def with_fake(scenario, fake=None):
    fake = fake or Fake()
    server = grpc.aio.server()
    worker_pb2_grpc.add_WorkerServiceServicer_to_server(fake, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        await asyncio.wait_for(scenario(fake, f"http://127.0.0.1:{port}"), timeout=30)
    finally:
        await server.stop(grace=None)


def make_worker(url, **kwargs):
    settings = {"namespaces": ["ns"], "api_key": "tk_test", "long_poll_wait": 0.2, "concurrency": 4}
    settings.update(kwargs)
    return Worker(url, **settings)


def start(worker):
    return asyncio.create_task(worker.run(handle_signals=False))


def by_claim(reports):
    return {r.claim_uuid: r for r in reports}


def test_sync_and_async_handlers_complete_and_results_are_batched():
    async def scenario(fake, url):
        worker = make_worker(url)
        seen_threads = []

        @worker.handler("sync")
        def sync_handler(ctx):
            import threading

            seen_threads.append(threading.current_thread().name)
            return {"doubled": ctx.task_context["n"] * 2}

        @worker.handler("async")
        async def async_handler(ctx):
            await asyncio.sleep(0.01)
            return {"n": ctx.task_context["n"], "attempt": ctx.attempt}

        for n in range(6):
            fake.ready.put_nowait(claim(n, handler="sync" if n % 2 else "async"))
        running = start(worker)
        await fake.wait_reports(6)
        worker.stop()
        await running
        reports = by_claim(fake.reports)
        assert _convert.struct_to_dict(reports["c1"].results) == {"doubled": 2}
        assert _convert.struct_to_dict(reports["c2"].results) == {"n": 2, "attempt": 1}
        assert all(r.execution_duration.ByteSize() > 0 or r.execution_duration.nanos >= 0 for r in fake.reports)
        assert all(name.startswith("tasker-handler") for name in seen_threads)
        assert fake.deregistered.is_set()
        assert fake.metadata[0]["x-api-key"] == "tk_test"
        register = fake.register_calls[0][1]
        assert (list(register.namespaces), list(register.handlers), register.max_concurrency) == (
            ["ns"],
            ["async", "sync"],
            4,
        )
        assert worker.status.steps_completed == 6
        assert worker.status.stopped
        assert max(fake.claim_requests) <= 4, "never claims more than the free slots"

    asyncio.run(with_fake(scenario))


def test_failures_are_reported_with_their_class_and_retry_hint():
    async def scenario(fake, url):
        worker = make_worker(url)

        @worker.handler("retry")
        async def retry(ctx):
            raise RetryableError("upstream busy", retry_after=2.5, error_class="Busy", details={"status": 503})

        @worker.handler("permanent")
        def permanent(ctx):
            raise PermanentError("card declined", error_class="Declined")

        @worker.handler("crash")
        def crash(ctx):
            raise KeyError("amount")

        @worker.handler("unserialisable")
        async def unserialisable(ctx):
            return {"when": object()}

        @worker.handler("slow")
        async def slow(ctx):
            await asyncio.sleep(10)

        names = ["retry", "permanent", "crash", "unserialisable", "missing"]
        for n, name in enumerate(names):
            fake.ready.put_nowait(claim(n, handler=name))
        fake.ready.put_nowait(claim(9, handler="slow", timeout=0.2))
        running = start(worker)
        await fake.wait_reports(6)
        worker.stop()
        await running
        failures = {r.claim_uuid: r.failure for r in fake.reports}
        assert failures["c0"].error.error_class == "Busy"
        assert failures["c0"].error.retryable
        assert failures["c0"].retry_after.seconds == 2
        assert _convert.struct_to_dict(failures["c0"].error.details) == {"status": 503}
        assert (failures["c1"].error.error_class, failures["c1"].error.retryable) == ("Declined", False)
        assert not failures["c1"].HasField("retry_after")
        assert (failures["c2"].error.error_class, failures["c2"].error.retryable) == ("KeyError", True)
        assert "Traceback" in _convert.struct_to_dict(failures["c2"].error.details)["traceback"]
        assert failures["c3"].error.error_class == "InvalidResult"
        assert (failures["c4"].error.error_class, failures["c4"].error.retryable) == ("HandlerNotFound", False)
        assert (failures["c9"].error.error_class, failures["c9"].error.retryable) == ("HandlerTimeout", True)
        assert worker.status.steps_failed == 6

    asyncio.run(with_fake(scenario))


def test_a_lease_answered_not_held_stops_the_handler_and_reports_nothing():
    async def scenario(fake, url):
        fake.lease = 0.6  # heartbeats every 0.2 s
        fake.held["c1"] = "expired"
        worker = make_worker(url)
        reasons = []

        @worker.handler("h")
        async def handler(ctx):
            reasons.append(await ctx.cancellation.wait())
            return {"too": "late"}

        fake.ready.put_nowait(claim(1))
        running = start(worker)
        deadline = time.monotonic() + 5
        while worker.status.steps_abandoned == 0:
            assert time.monotonic() < deadline, "the handler was not stopped"
            await asyncio.sleep(0.05)
        worker.stop()
        await running
        assert reasons == ["expired"]
        assert fake.reports == []
        assert ["c1"] in fake.heartbeats

    asyncio.run(with_fake(scenario))


def test_heartbeats_extend_the_leases_of_long_steps():
    async def scenario(fake, url):
        fake.lease = 0.6
        worker = make_worker(url)

        @worker.handler("h")
        def handler(ctx):
            assert not ctx.cancellation.wait_sync(1.5), "a held lease is never cancelled"
            return {"slow": True}

        fake.ready.put_nowait(claim(1))
        running = start(worker)
        await fake.wait_reports(1)
        worker.stop()
        await running
        assert len([h for h in fake.heartbeats if h == ["c1"]]) >= 3
        assert fake.reports[0].HasField("results")

    asyncio.run(with_fake(scenario))


def test_a_cancelled_task_stops_its_handler_at_once_and_is_reported():
    async def scenario(fake, url):
        worker = make_worker(url)

        @worker.handler("h")
        async def handler(ctx):
            await ctx.cancellation.wait()
            await asyncio.sleep(10)  # ignores it; cancel_grace ends it

        fake.ready.put_nowait(claim(1))
        worker.cancel_grace = 0.1
        running = start(worker)
        while worker.status.in_flight == 0:
            await asyncio.sleep(0.01)
        fake.cancelled_claims.put_nowait("c1")
        await fake.wait_reports(1, timeout=5)
        worker.stop()
        await running
        failure = fake.reports[0].failure
        assert (failure.error.error_class, failure.error.retryable) == ("TaskCancelled", False)

    asyncio.run(with_fake(scenario))


def test_registration_retries_after_the_delay_the_server_asks_for():
    fake = Fake()
    fake.register_failures = [
        (grpc.StatusCode.UNAVAILABLE, unavailable_with_retry_info(0.5)),
        (grpc.StatusCode.UNAVAILABLE, ()),
    ]

    async def scenario(fake, url):
        worker = make_worker(url)
        worker.register("h", lambda ctx: None)
        running = start(worker)
        while not worker.status.registered:
            await asyncio.sleep(0.01)
        worker.stop()
        await running
        times = [t for t, _ in fake.register_calls]
        assert len(times) == 3
        assert times[1] - times[0] >= 0.5, "RetryInfo raised the first delay"
        assert times[2] - times[1] < 0.5, "the plain backoff starts small"

    asyncio.run(with_fake(scenario, fake))


def test_a_refused_registration_raises():
    fake = Fake()
    fake.register_failures = [(grpc.StatusCode.PERMISSION_DENIED, ())]

    async def scenario(fake, url):
        worker = make_worker(url)
        worker.register("h", lambda ctx: None)
        with pytest.raises(WorkerRejected) as refused:
            await worker.run(handle_signals=False)
        assert refused.value.code == "PERMISSION_DENIED"
        assert worker.status.stopped

    asyncio.run(with_fake(scenario, fake))


def test_stop_drains_in_flight_steps_before_deregistering():
    async def scenario(fake, url):
        worker = make_worker(url)
        started = asyncio.Event()

        @worker.handler("h")
        async def handler(ctx):
            started.set()
            await asyncio.sleep(0.5)
            return {"finished": True}

        fake.ready.put_nowait(claim(1))
        running = start(worker)
        await started.wait()
        worker.stop()
        await asyncio.sleep(0.1)  # stop() is handed to the worker's loop
        fake.ready.put_nowait(claim(2))  # never claimed: shutdown began
        await running
        assert [r.claim_uuid for r in fake.reports] == ["c1"]
        assert fake.reports[0].HasField("results")
        assert fake.deregistered.is_set()
        assert fake.ready.qsize() == 1

    asyncio.run(with_fake(scenario))


def test_the_drain_timeout_abandons_what_is_still_running():
    async def scenario(fake, url):
        worker = make_worker(url, drain_timeout=0.2)
        reasons = []

        @worker.handler("h")
        async def handler(ctx):
            reasons.append(await ctx.cancellation.wait())
            await asyncio.sleep(10)

        fake.ready.put_nowait(claim(1))
        running = start(worker)
        while worker.status.in_flight == 0:
            await asyncio.sleep(0.01)
        worker.stop()
        await running
        assert reasons == ["shutdown"]
        assert fake.reports == []
        assert worker.status.steps_abandoned == 1
        assert fake.deregistered.is_set()

    asyncio.run(with_fake(scenario))


def test_reports_claim_the_next_steps_into_the_freed_slots():
    async def scenario(fake, url):
        worker = make_worker(url, concurrency=1, long_poll_wait=5)
        ran = []

        @worker.handler("h")
        async def handler(ctx):
            ran.append(ctx.claim_uuid)
            if ctx.claim_uuid == "c1":
                for n in (2, 3):
                    fake.ready.put_nowait(claim(n))
            return None

        fake.ready.put_nowait(claim(1))
        running = start(worker)
        await fake.wait_reports(3)
        worker.stop()
        await running
        assert ran == ["c1", "c2", "c3"]
        assert fake.handed_out == ["c1"], "c2 and c3 came with the reports, not from ClaimSteps"

    asyncio.run(with_fake(scenario))


def test_without_report_results_it_reports_one_call_per_result():
    fake = Fake()
    fake.report_results_unimplemented = True

    async def scenario(fake, url):
        worker = make_worker(url)

        @worker.handler("ok")
        async def ok(ctx):
            return {"ok": 1}

        @worker.handler("bad")
        async def bad(ctx):
            raise RetryableError("no", retry_after=1)

        fake.ready.put_nowait(claim(1, handler="ok"))
        fake.ready.put_nowait(claim(2, handler="bad"))
        running = start(worker)
        await fake.wait_reports(2)
        worker.stop()
        await running
        kinds = sorted(type(r).__name__ for r in fake.unary)
        assert kinds == ["CompleteStepRequest", "FailStepRequest"]
        fail = next(r for r in fake.unary if isinstance(r, worker_pb2.FailStepRequest))
        assert fail.retry_after.seconds == 1
        assert worker.status.steps_completed == 1

    asyncio.run(with_fake(scenario, fake))


def test_stop_before_the_orchestrator_answers_ends_cleanly():
    async def scenario():
        worker = make_worker("http://127.0.0.1:9")  # nothing listens there
        worker.register("h", lambda ctx: None)
        running = start(worker)
        await asyncio.sleep(0.3)
        assert not worker.status.orchestrator_reachable
        assert "RegisterWorker: UNAVAILABLE" in (worker.status.last_error or "")
        worker.stop()
        await asyncio.wait_for(running, timeout=5)
        assert worker.status.stopped

    asyncio.run(scenario())


def test_a_lease_answered_gone_while_the_report_is_on_the_wire_changes_nothing(caplog):
    async def scenario(fake, url):
        fake.lease = 0.6  # heartbeats every 0.2 s
        fake.report_delay = 0.7  # the report lands after heartbeats of the claim
        fake.held["c1"] = "unknown_claim"  # what a heartbeat racing a recorded report hears
        worker = make_worker(url)

        @worker.handler("h")
        async def handler(ctx):
            return {"done": True}

        fake.ready.put_nowait(claim(1))
        running = start(worker)
        await fake.wait_reports(1)
        while worker.status.steps_completed == 0:
            await asyncio.sleep(0.01)
        worker.stop()
        await running
        assert ["c1"] in fake.heartbeats, "the claim is heartbeated until its report lands"
        assert worker.status.steps_abandoned == 0
        assert "lease lost" not in caplog.text

    asyncio.run(with_fake(scenario))
