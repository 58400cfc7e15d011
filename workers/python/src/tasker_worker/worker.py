"""The worker runtime: register, claim, execute, heartbeat, report, drain,
deregister.

One asyncio task claims steps into free slots with a long poll, each claimed
step runs on a task of its own (``async def`` handlers on the event loop,
plain functions on a thread pool), one task heartbeats every claim in flight,
one listens for claims whose task was cancelled, and one reports outcomes
with ``ReportResults``: reports that queue while a call is on the wire go out
together in the next one, which also claims the next steps into the slots
the reported ones freed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import contextvars
import functools
import inspect
import logging
import os
import signal
import socket
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import grpc

from tasker_worker import _channel, _convert
from tasker_worker._proto.tasker.v1 import common_pb2, worker_pb2, worker_pb2_grpc
from tasker_worker.context import REASON_SHUTDOWN, REASON_TASK_CANCELLED, REASON_TIMEOUT, Cancellation, StepContext
from tasker_worker.errors import ConfigError, HandlerError, PermanentError, RetryableError, WorkerRejected
from tasker_worker.retry import Backoff, Failure, classify, delay_after, status_code
from tasker_worker.version import __version__

log = logging.getLogger("tasker_worker")

Handler = Callable[[StepContext], Any]
"""A step handler: a function or ``async def`` taking a :class:`StepContext`
and returning the step's results (a JSON-serialisable mapping; ``None`` is
``{}``, any other value is reported as ``{"result": value}``)."""

H = TypeVar("H", bound=Handler)
T = TypeVar("T")

DEFAULT_LEASE = 30.0
"""Lease assumed when the orchestrator's registration answer names none."""

ERROR_CLASS_TIMEOUT = "HandlerTimeout"
"""Error class reported when a handler overruns its step's timeout."""
ERROR_CLASS_NOT_FOUND = "HandlerNotFound"
"""Error class reported when the worker has no handler of the step's name."""
ERROR_CLASS_CANCELLED = "TaskCancelled"
"""Error class of an attempt stopped because its task was cancelled."""
ERROR_CLASS_INVALID_RESULT = "InvalidResult"
"""Error class reported when a handler's results are not JSON-serialisable."""

_MAX_REPORT_BATCH = 100
_MAX_TRACEBACK = 4000


@dataclass
class WorkerStatus:
    """What the worker is doing (read it from another task or thread)."""

    registered: bool = False
    worker_uuid: str | None = None
    orchestrator_reachable: bool = False
    last_error: str | None = None
    shutting_down: bool = False
    stopped: bool = False
    in_flight: int = 0
    concurrency: int = 0
    steps_completed: int = 0
    """Attempts reported complete and accepted."""
    steps_failed: int = 0
    """Attempts reported failed and accepted."""
    steps_abandoned: int = 0
    """Attempts not reported: lease lost, report refused or abandoned at shutdown."""


@dataclass
class _InFlight:
    cancellation: Cancellation
    interrupted: asyncio.Event
    deadline: float
    lease_lost: bool = False
    task_cancelled: bool = False
    hard_stopped: bool = False
    # The outcome is with the reporter: the lease is still heartbeated, but
    # news that it is gone changes nothing (the report's answer says it).
    reporting: bool = False


@dataclass
class _Abandon:
    reason: str


@dataclass
class _Pending:
    report: worker_pb2.StepReport
    has_slot: bool
    recorded: asyncio.Future[bool]


@dataclass
class _Slots:
    """Free concurrency slots; a slot moves from a claim to its report, and
    from a recorded report to the next claim."""

    free: int
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def try_take(self, most: int) -> int:
        taken = min(most, self.free)
        self.free -= taken
        return taken

    async def take(self, most: int) -> int:
        while self.free == 0:
            self.changed.clear()
            await self.changed.wait()
        return self.try_take(most)

    def give(self, count: int = 1) -> None:
        if count > 0:
            self.free += count
            self.changed.set()


class Worker:
    """Claims steps of its namespaces and runs them with its handlers.

    ::

        worker = Worker("http://127.0.0.1:9090", api_key="tk_...", namespaces=["shop"])

        @worker.handler("charge")
        async def charge(ctx: StepContext) -> dict:
            return {"charged": ctx.task_context["amount"]}

        worker.serve()  # until SIGTERM or SIGINT, then drains

    ``endpoint`` defaults to ``TASKER_ENDPOINT`` and the credential to
    ``TASKER_API_KEY``. Durations are seconds.
    """

    def __init__(
        self,
        endpoint: str | None = None,
        *,
        namespaces: Sequence[str],
        api_key: str | None = None,
        bearer_token: str | None = None,
        concurrency: int = 8,
        name: str | None = None,
        version: str = __version__,
        claim_batch_size: int | None = None,
        long_poll_wait: float = 20.0,
        drain_timeout: float = 30.0,
        default_step_timeout: float = 300.0,
        cancel_grace: float = 2.0,
        report_attempts: int = 5,
        request_timeout: float = 10.0,
        backoff: Backoff | None = None,
        root_certificates: bytes | None = None,
    ) -> None:
        self.endpoint = _channel.resolve_endpoint(endpoint)
        _channel.parse_endpoint(self.endpoint)
        if isinstance(namespaces, str) or not namespaces or any(not n for n in namespaces):
            raise ConfigError("namespaces: name at least one namespace, none empty")
        for setting, value in (
            ("concurrency", concurrency),
            ("claim_batch_size", claim_batch_size or 1),
            ("report_attempts", report_attempts),
        ):
            if value < 1:
                raise ConfigError(f"{setting}: must be at least 1")
        for setting, seconds in (
            ("default_step_timeout", default_step_timeout),
            ("request_timeout", request_timeout),
        ):
            if seconds <= 0:
                raise ConfigError(f"{setting}: must be greater than zero")
        if long_poll_wait < 0 or drain_timeout < 0 or cancel_grace < 0:
            raise ConfigError("long_poll_wait, drain_timeout and cancel_grace must not be negative")
        if root_certificates is not None and not self.endpoint.startswith("https://"):
            raise ConfigError("root_certificates are set, but the endpoint is http:// (use https://)")
        self._metadata = _channel.credential_metadata(api_key, bearer_token)
        self.namespaces = list(namespaces)
        self.concurrency = concurrency
        self.name = name or f"python-{socket.gethostname()}-{os.getpid()}"
        self.version = version
        self.claim_batch_size = claim_batch_size or concurrency
        self.long_poll_wait = long_poll_wait
        self.drain_timeout = drain_timeout
        self.default_step_timeout = default_step_timeout
        self.cancel_grace = cancel_grace
        self.report_attempts = report_attempts
        self.request_timeout = request_timeout
        self.backoff = backoff or Backoff()
        self._root_certificates = root_certificates
        self._handlers: dict[str, tuple[Handler, bool]] = {}
        self.status = WorkerStatus(concurrency=concurrency)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_requested = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"Worker(endpoint={self.endpoint!r}, name={self.name!r}, namespaces={self.namespaces!r}, "
            f"handlers={sorted(self._handlers)!r}, concurrency={self.concurrency})"
        )

    # ------------------------------------------------------------ handlers

    def handler(self, name: str) -> Callable[[H], H]:
        """Registers the decorated function or ``async def`` as handler ``name``."""

        def register(fn: H) -> H:
            self.register(name, fn)
            return fn

        return register

    def register(self, name: str, fn: Handler) -> None:
        """Registers ``fn`` as handler ``name`` (once per name)."""
        if not name:
            raise ConfigError("handler name must not be empty")
        if name in self._handlers:
            raise ConfigError(f"handler {name!r} is registered twice")
        if not callable(fn):
            raise ConfigError(f"handler {name!r} is not callable")
        self._handlers[name] = (fn, _is_async(fn))

    @property
    def handler_names(self) -> list[str]:
        """The handler names the worker registers."""
        return sorted(self._handlers)

    # ------------------------------------------------------------ running

    def serve(self) -> None:
        """Runs until SIGTERM or SIGINT (or :meth:`stop`), then drains and
        deregisters; blocks. Raises :class:`WorkerRejected` when the
        orchestrator refuses the worker."""
        asyncio.run(self.run())

    def stop(self) -> None:
        """Begins a graceful shutdown: no more claims; in-flight steps get
        ``drain_timeout`` to finish and be reported; then deregistration.
        Safe to call from any thread and from signal handlers."""
        with self._lock:
            self._stop_requested = True
            loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._begin_shutdown)

    def _begin_shutdown(self) -> None:
        if not self._stopping.is_set():
            log.info("shutdown requested; draining")
            self._stopping.set()

    async def run(self, *, handle_signals: bool = True) -> None:
        """Runs until :meth:`stop` (or SIGTERM/SIGINT when ``handle_signals``
        and on the main thread), then drains and deregisters.

        Raises :class:`WorkerRejected` when the orchestrator refuses
        registration or claiming for a reason retrying cannot fix; in-flight
        steps are drained and the worker deregistered first.
        """
        if not self._handlers:
            raise ConfigError("handlers: register at least one handler")
        loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self._hard_stop = asyncio.Event()
        self._slots = _Slots(self.concurrency)
        self._in_flight: dict[str, _InFlight] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._reports: asyncio.Queue[_Pending] = asyncio.Queue()
        self._unary_reports = False
        self._worker_uuid = ""
        self._lease = DEFAULT_LEASE
        self._heartbeat_interval = DEFAULT_LEASE / 3
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=self.concurrency, thread_name_prefix="tasker-handler"
        )
        with self._lock:
            self._loop = loop
            if self._stop_requested:
                self._stopping.set()
        installed: list[signal.Signals] = []
        if handle_signals and threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                try:
                    loop.add_signal_handler(signum, self._begin_shutdown)
                    installed.append(signum)
                except (NotImplementedError, RuntimeError):  # not on this platform
                    pass
        channel = _channel.open_channel(self.endpoint, self._root_certificates)
        self._stub = worker_pb2_grpc.WorkerServiceStub(channel)
        try:
            await self._run()
        finally:
            for signum in installed:
                loop.remove_signal_handler(signum)
            with self._lock:
                self._loop = None
            await channel.close(grace=None)
            self._executor.shutdown(wait=False, cancel_futures=True)

    async def _run(self) -> None:
        try:
            registered = await self._register()
        except WorkerRejected:
            self.status.stopped = True
            raise
        if not registered:
            self.status.shutting_down = self.status.stopped = True
            log.info("shutdown before registration; stopped")
            return
        reporter = asyncio.create_task(self._report_loop())
        heartbeats = asyncio.create_task(self._heartbeat_loop())
        claim_watch = asyncio.create_task(self._claim_watch_loop())
        error: WorkerRejected | None = None
        try:
            await self._claim_loop()
        except WorkerRejected as rejected:
            log.error("cannot go on claiming; shutting down: %s", rejected)
            error = rejected
        self._stopping.set()
        self.status.shutting_down = True
        await self._drain()
        for task in (reporter, heartbeats, claim_watch):
            task.cancel()
        await asyncio.gather(reporter, heartbeats, claim_watch, return_exceptions=True)
        await self._deregister()
        self.status.registered = False
        self.status.stopped = True
        log.info("worker stopped")
        if error is not None:
            raise error

    async def _drain(self) -> None:
        if not self._tasks:
            return
        log.info(
            "draining in-flight steps",
            extra={"in_flight": len(self._tasks), "drain_timeout": self.drain_timeout},
        )
        _, pending = await asyncio.wait(set(self._tasks), timeout=self.drain_timeout)
        if not pending:
            return
        log.warning(
            "drain timeout reached; abandoning the remaining steps (deregistration releases their leases)",
            extra={"remaining": len(pending)},
        )
        self._hard_stop.set()
        for entry in self._in_flight.values():
            entry.hard_stopped = True
            entry.cancellation._fire(REASON_SHUTDOWN)
            entry.interrupted.set()
        _, pending = await asyncio.wait(pending, timeout=1.0)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    # ------------------------------------------------------------ helpers

    def _reached(self) -> None:
        self.status.orchestrator_reachable = True
        self.status.last_error = None

    def _unreachable(self, rpc: str, error: grpc.RpcError) -> None:
        self.status.orchestrator_reachable = False
        self.status.last_error = f"{rpc}: {_code_of(error).name}: {_details_of(error)}"

    async def _until_stopping(self, awaitable: Awaitable[T]) -> tuple[bool, T | None]:
        """Awaits ``awaitable`` unless shutdown begins first: ``(True,
        result)``, or ``(False, None)`` with the call cancelled. A call that
        finished wins a tie, so steps claimed as shutdown began still run."""
        work = asyncio.ensure_future(awaitable)
        stopper = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({work, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopper.cancel()
            if not work.done():
                work.cancel()
                with contextlib.suppress(asyncio.CancelledError, grpc.RpcError):
                    await work
        if work.cancelled():
            return False, None
        return True, work.result()

    async def _sleep_unless_stopping(self, delay: float) -> bool:
        """Sleeps ``delay`` seconds; ``True`` when shutdown began meanwhile."""
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=delay)
        except asyncio.TimeoutError:
            return False
        return True

    async def _sleep_unless_hard_stop(self, delay: float) -> bool:
        try:
            await asyncio.wait_for(self._hard_stop.wait(), timeout=delay)
        except asyncio.TimeoutError:
            return False
        return True

    # ------------------------------------------------------------ register

    async def _register(self) -> bool:
        """Registers, retrying transient failures until shutdown; ``False``
        when shutdown came first."""
        request = worker_pb2.RegisterWorkerRequest(
            name=self.name,
            namespaces=self.namespaces,
            handlers=self.handler_names,
            max_concurrency=self.concurrency,
            version=self.version,
        )
        failures = 0
        while True:
            try:
                finished, response = await self._until_stopping(
                    self._stub.RegisterWorker(request, metadata=self._metadata, timeout=self.request_timeout)
                )
            except grpc.RpcError as error:
                self._unreachable("RegisterWorker", error)
                if classify(_code_of(error)) != Failure.TRANSIENT:
                    raise _rejected("RegisterWorker", error) from None
                failures += 1
                delay = delay_after(self.backoff, failures, error)
                log.warning(
                    "cannot register (%s: %s); retrying in %.2fs",
                    _code_of(error).name,
                    _details_of(error),
                    delay,
                )
                if await self._sleep_unless_stopping(delay):
                    return False
                continue
            if not finished or response is None:
                return False
            worker_uuid = response.worker.worker_uuid
            if not worker_uuid:
                raise WorkerRejected("RegisterWorker", "INTERNAL", "the answer names no worker_uuid")
            lease = _convert.duration_to_seconds(response.lease_duration) or DEFAULT_LEASE
            interval = _convert.duration_to_seconds(response.heartbeat_interval)
            self._lease = lease
            self._heartbeat_interval = interval if interval and interval < lease else lease / 3
            self._worker_uuid = worker_uuid
            self._reached()
            self.status.registered = True
            self.status.worker_uuid = worker_uuid
            log.info(
                "registered",
                extra={
                    "worker_uuid": worker_uuid,
                    "worker_name": self.name,
                    "namespaces": self.namespaces,
                    "handlers": self.handler_names,
                    "lease_seconds": lease,
                    "heartbeat_seconds": self._heartbeat_interval,
                },
            )
            return True

    async def _deregister(self) -> None:
        request = worker_pb2.DeregisterWorkerRequest(worker_uuid=self._worker_uuid)
        for attempt in range(1, self.report_attempts + 1):
            try:
                response = await self._stub.DeregisterWorker(
                    request, metadata=self._metadata, timeout=self.request_timeout
                )
            except grpc.RpcError as error:
                if classify(_code_of(error)) == Failure.TRANSIENT and attempt < self.report_attempts:
                    await asyncio.sleep(delay_after(self.backoff, attempt, error))
                    continue
                log.warning(
                    "cannot deregister (%s: %s); the orchestrator will expire the worker's leases",
                    _code_of(error).name,
                    _details_of(error),
                )
                return
            log.info("deregistered", extra={"released_claims": response.released_claims})
            return

    # ------------------------------------------------------------ claim

    async def _claim_loop(self) -> None:
        """Claims and starts steps until shutdown or a permanent refusal."""
        failures = 0
        # Empty answers that came back at once (the server is draining, or
        # the wait is 0) are backed off like failures so the worker does not spin.
        early_empty = 0
        while not self._stopping.is_set():
            finished, slots = await self._until_stopping(self._slots.take(self.claim_batch_size))
            if not finished or not slots:
                return
            request = worker_pb2.ClaimStepsRequest(
                worker_uuid=self._worker_uuid,
                max_steps=slots,
                wait_timeout=_convert.seconds_to_duration(self.long_poll_wait),
            )
            sent = time.monotonic()
            try:
                finished, response = await self._until_stopping(
                    self._stub.ClaimSteps(
                        request,
                        metadata=self._metadata,
                        timeout=self.long_poll_wait + self.request_timeout,
                    )
                )
            except grpc.RpcError as error:
                self._slots.give(slots)
                self._unreachable("ClaimSteps", error)
                failure = classify(_code_of(error))
                if failure == Failure.TRANSIENT:
                    failures += 1
                    delay = delay_after(self.backoff, failures, error)
                    log.warning(
                        "claim failed (%s: %s); retrying in %.2fs",
                        _code_of(error).name,
                        _details_of(error),
                        delay,
                    )
                    if await self._sleep_unless_stopping(delay):
                        return
                elif failure in (Failure.NOT_FOUND, Failure.LEASE_LOST):
                    log.warning("the orchestrator no longer knows this worker; registering again")
                    self._lose_all("the worker's registration was lost")
                    if not await self._register():
                        return
                else:
                    raise _rejected("ClaimSteps", error) from None
                continue
            if not finished or response is None:
                self._slots.give(slots)
                return
            failures = 0
            self._reached()
            received = time.monotonic()
            steps = list(response.steps)
            self._slots.give(slots - min(slots, len(steps)))
            at_once = self.long_poll_wait == 0 or received - sent < min(self.long_poll_wait / 2, 0.25)
            if not steps and at_once:
                early_empty += 1
                if await self._sleep_unless_stopping(self.backoff.delay(early_empty)):
                    return
                continue
            early_empty = 0
            for index, claim in enumerate(steps):
                self._start(claim, has_slot=index < slots, received=received)

    def _start(self, claim: worker_pb2.ClaimedStep, *, has_slot: bool, received: float) -> None:
        """Records a claim as in flight and runs it on a task of its own."""
        entry = _InFlight(
            cancellation=Cancellation(),
            interrupted=asyncio.Event(),
            deadline=received + self._lease,
        )
        self._in_flight[claim.claim_uuid] = entry
        self.status.in_flight = len(self._in_flight)
        task = asyncio.create_task(self._execute(claim, entry, has_slot))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ------------------------------------------------------------ execute

    async def _execute(self, claim: worker_pb2.ClaimedStep, entry: _InFlight, has_slot: bool) -> None:
        claim_uuid = claim.claim_uuid
        try:
            if not has_slot:
                finished = await self._wait_for_slot(entry)
                if not finished:
                    self._abandoned(claim_uuid, "no free slot before the lease was lost or the drain ended")
                    return
            ctx = StepContext.from_claim(claim, self.default_step_timeout, entry.cancellation)
            started = time.monotonic()
            outcome = await self._run_handler(ctx, entry)
            elapsed = time.monotonic() - started
            if isinstance(outcome, _Abandon):
                self._slots.give()
                self._abandoned(claim_uuid, outcome.reason)
                return
            entry.reporting = True
            await self._report_outcome(ctx, outcome, elapsed)
        finally:
            self._in_flight.pop(claim_uuid, None)
            self.status.in_flight = len(self._in_flight)

    async def _wait_for_slot(self, entry: _InFlight) -> bool:
        take = asyncio.ensure_future(self._slots.take(1))
        interrupted = asyncio.ensure_future(entry.interrupted.wait())
        await asyncio.wait({take, interrupted}, return_when=asyncio.FIRST_COMPLETED)
        interrupted.cancel()
        if take.done():
            if entry.lease_lost or entry.hard_stopped:
                self._slots.give(take.result())
                return False
            return True
        take.cancel()
        return False

    async def _run_handler(self, ctx: StepContext, entry: _InFlight) -> Any:
        """Runs the step's handler under its timeout and cancellation:
        the results, a :class:`HandlerError`, or ``_Abandon``."""
        registered = self._handlers.get(ctx.handler)
        if registered is None:
            return PermanentError(
                f"no handler named {ctx.handler!r} is registered on this worker",
                error_class=ERROR_CLASS_NOT_FOUND,
            )
        fn, is_async = registered
        work: asyncio.Future[Any]
        if is_async:
            work = asyncio.ensure_future(_call_async(fn, ctx))
        else:
            call = functools.partial(contextvars.copy_context().run, fn, ctx)
            work = asyncio.get_running_loop().run_in_executor(self._executor, call)
        interrupted = asyncio.ensure_future(entry.interrupted.wait())
        try:
            await asyncio.wait({work, interrupted}, timeout=ctx.timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            interrupted.cancel()
        if work.done() and not (entry.lease_lost or entry.hard_stopped):
            return _outcome_of(work)
        if entry.lease_lost:
            await self._stop_work(work, entry, "lease lost")
            return _Abandon("lease lost")
        if entry.hard_stopped:
            work.cancel()
            return _Abandon("drain timeout reached during shutdown")
        if entry.task_cancelled:
            await self._stop_work(work, entry, REASON_TASK_CANCELLED)
            return PermanentError("the task was cancelled while the step ran", error_class=ERROR_CLASS_CANCELLED)
        entry.cancellation._fire(REASON_TIMEOUT)
        work.cancel()
        return RetryableError(
            f"handler did not finish within the step timeout of {ctx.timeout:g}s",
            error_class=ERROR_CLASS_TIMEOUT,
        )

    async def _stop_work(self, work: asyncio.Future[Any], entry: _InFlight, reason: str) -> None:
        """Fires the handler's cancellation and gives it ``cancel_grace`` to
        return before it is cancelled (a thread is left to finish alone)."""
        entry.cancellation._fire(reason)
        if not work.done():
            await asyncio.wait({work}, timeout=self.cancel_grace)
        if not work.done():
            work.cancel()
        elif not work.cancelled():
            work.exception()  # retrieved: the outcome is dropped on purpose

    def _abandoned(self, claim_uuid: str, reason: str) -> None:
        log.warning("attempt abandoned; nothing reported", extra={"claim_uuid": claim_uuid, "reason": reason})
        self.status.steps_abandoned += 1

    # ------------------------------------------------------------ report

    async def _report_outcome(self, ctx: StepContext, outcome: Any, elapsed: float) -> None:
        """Hands an attempt's outcome (and its slot) to the reporter and waits
        until it is recorded or dropped."""
        report = worker_pb2.StepReport(
            claim_uuid=ctx.claim_uuid,
            execution_duration=_convert.seconds_to_duration(elapsed),
        )
        if isinstance(outcome, HandlerError):
            report.failure.CopyFrom(_failure_of(outcome))
        else:
            report.results.CopyFrom(outcome)
        recorded: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._reports.put_nowait(_Pending(report=report, has_slot=True, recorded=recorded))
        accepted = await recorded
        fields = {"claim_uuid": ctx.claim_uuid, "step": ctx.step_name, "attempt": ctx.attempt, "elapsed": elapsed}
        if not accepted:
            self.status.steps_abandoned += 1
        elif isinstance(outcome, HandlerError):
            self.status.steps_failed += 1
            log.warning(
                "step failed: %s: %s",
                outcome.error_class,
                outcome.message,
                extra={**fields, "retryable": outcome.retryable},
            )
        else:
            self.status.steps_completed += 1
            log.debug("step completed", extra=fields)

    async def _report_loop(self) -> None:
        """Sends the queued reports, coalescing what queued while the last
        batch was on the wire, until cancelled."""
        while True:
            batch = [await self._reports.get()]
            while len(batch) < _MAX_REPORT_BATCH:
                try:
                    batch.append(self._reports.get_nowait())
                except asyncio.QueueEmpty:
                    break
            try:
                if self._unary_reports:
                    await asyncio.gather(*(self._report_unary(p) for p in batch))
                else:
                    await self._report_batch(batch)
            except asyncio.CancelledError:
                for pending in batch:
                    _settle(pending, False)
                raise

    async def _report_batch(self, pending: list[_Pending]) -> None:
        """Sends one batch with ``ReportResults``, claiming the next steps into
        the slots of the reports; retries what may be sent again."""
        attempt = 0
        while pending:
            attempt += 1
            slots = sum(1 for p in pending if p.has_slot)
            request = worker_pb2.ReportResultsRequest(
                worker_uuid=self._worker_uuid,
                reports=[p.report for p in pending],
                claim_max_steps=0 if self._stopping.is_set() else slots,
            )
            try:
                response = await self._stub.ReportResults(
                    request, metadata=self._metadata, timeout=self.request_timeout
                )
            except grpc.RpcError as error:
                if _code_of(error) == grpc.StatusCode.UNIMPLEMENTED:
                    log.info("the orchestrator has no ReportResults; reporting one call per result")
                    self._unary_reports = True
                    await asyncio.gather(*(self._report_unary(p) for p in pending))
                    return
                give_up = classify(_code_of(error)) != Failure.TRANSIENT or attempt >= self.report_attempts
                if give_up:
                    log.error(
                        "reports not recorded (%s: %s); results dropped",
                        _code_of(error).name,
                        _details_of(error),
                        extra={"reports": len(pending)},
                    )
                    break
                self._unreachable("ReportResults", error)
                if await self._sleep_unless_hard_stop(delay_after(self.backoff, attempt, error)):
                    break
                continue
            self._reached()
            received = time.monotonic()
            results = list(response.results)
            again: list[_Pending] = []
            freed = 0
            for index, report in enumerate(pending):
                verdict = _verdict(results[index].status if index < len(results) else None)
                if verdict == "again":
                    again.append(report)
                    continue
                freed += 1 if report.has_slot else 0
                report.has_slot = False
                _settle(report, verdict == "recorded")
            claimed = list(response.claimed)
            for index, claim in enumerate(claimed):
                self._start(claim, has_slot=index < freed, received=received)
            self._slots.give(freed - min(freed, len(claimed)))
            pending = again
            if pending:
                if attempt >= self.report_attempts:
                    break
                if await self._sleep_unless_hard_stop(self.backoff.delay(attempt)):
                    break
        for report in pending:
            if report.has_slot:
                self._slots.give()
                report.has_slot = False
            _settle(report, False)

    async def _report_unary(self, pending: _Pending) -> None:
        """Reports one outcome with ``CompleteStep`` or ``FailStep`` (servers
        without ``ReportResults``)."""
        report = pending.report
        if report.WhichOneof("outcome") == "results":
            rpc, method = "CompleteStep", self._stub.CompleteStep
            request: Any = worker_pb2.CompleteStepRequest(
                worker_uuid=self._worker_uuid,
                claim_uuid=report.claim_uuid,
                results=report.results,
                execution_duration=report.execution_duration,
            )
        else:
            rpc, method = "FailStep", self._stub.FailStep
            request = worker_pb2.FailStepRequest(
                worker_uuid=self._worker_uuid,
                claim_uuid=report.claim_uuid,
                error=report.failure.error,
                execution_duration=report.execution_duration,
            )
            if report.failure.HasField("retry_after"):
                request.retry_after.CopyFrom(report.failure.retry_after)
        accepted = False
        for attempt in range(1, self.report_attempts + 1):
            try:
                await method(request, metadata=self._metadata, timeout=self.request_timeout)
            except grpc.RpcError as error:
                if classify(_code_of(error)) != Failure.TRANSIENT or attempt == self.report_attempts:
                    log.warning("%s refused (%s: %s); result dropped", rpc, _code_of(error).name, _details_of(error))
                    break
                self._unreachable(rpc, error)
                if await self._sleep_unless_hard_stop(delay_after(self.backoff, attempt, error)):
                    break
                continue
            self._reached()
            accepted = True
            break
        if pending.has_slot:
            self._slots.give()
            pending.has_slot = False
        _settle(pending, accepted)

    # ------------------------------------------------------------ leases

    async def _heartbeat_loop(self) -> None:
        """Extends the leases of in-flight claims every heartbeat interval;
        stops the handlers of leases the orchestrator reports lost, or that
        run out locally because heartbeats keep failing."""
        failures = 0
        while True:
            interval = self._heartbeat_interval
            await asyncio.sleep(interval if failures == 0 else min(self.backoff.delay(failures), interval))
            self._expire_overdue_leases()
            claims = [claim for claim, entry in self._in_flight.items() if not entry.lease_lost]
            if not claims:
                failures = 0
                continue
            sent = time.monotonic()
            request = worker_pb2.HeartbeatRequest(worker_uuid=self._worker_uuid, claim_uuids=claims)
            try:
                response = await self._stub.Heartbeat(request, metadata=self._metadata, timeout=self.request_timeout)
            except grpc.RpcError as error:
                self._unreachable("Heartbeat", error)
                if classify(_code_of(error)) in (Failure.NOT_FOUND, Failure.LEASE_LOST):
                    log.warning("the orchestrator no longer knows this worker")
                    self._lose_all("the worker's registration was lost")
                    failures = 0
                else:
                    failures += 1
                    log.warning("heartbeat failed (%s: %s); retrying", _code_of(error).name, _details_of(error))
                continue
            failures = 0
            self._reached()
            for lease in response.leases:
                if lease.held:
                    entry = self._in_flight.get(lease.claim_uuid)
                    if entry is not None:
                        entry.deadline = sent + self._lease
                elif lease.reason == REASON_TASK_CANCELLED:
                    self._cancel_claim(lease.claim_uuid)
                else:
                    self._lose(lease.claim_uuid, lease.reason or "not held")

    def _expire_overdue_leases(self) -> None:
        now = time.monotonic()
        for claim, entry in list(self._in_flight.items()):
            if entry.deadline <= now and not (entry.lease_lost or entry.reporting):
                self._lose(claim, "expired")

    def _lose(self, claim_uuid: str, reason: str) -> None:
        """Marks a claim's lease lost: its handler is stopped and nothing is
        reported."""
        entry = self._in_flight.get(claim_uuid)
        if entry is None or entry.lease_lost or entry.reporting:
            return
        log.warning("lease lost; stopping the handler", extra={"claim_uuid": claim_uuid, "reason": reason})
        entry.lease_lost = True
        entry.cancellation._fire(reason)
        entry.interrupted.set()

    def _cancel_claim(self, claim_uuid: str) -> None:
        """The step's task was cancelled: its handler is told to stop and the
        attempt is reported (the orchestrator records it as cancelled)."""
        entry = self._in_flight.get(claim_uuid)
        if entry is None or entry.lease_lost or entry.task_cancelled or entry.reporting:
            return
        log.info("task cancelled; stopping the handler", extra={"claim_uuid": claim_uuid})
        entry.task_cancelled = True
        entry.cancellation._fire(REASON_TASK_CANCELLED)
        entry.interrupted.set()

    def _lose_all(self, reason: str) -> None:
        for claim in list(self._in_flight):
            self._lose(claim, reason)

    async def _claim_watch_loop(self) -> None:
        """Streams the claims whose task is cancelled while they run and stops
        those handlers at once; reconnects with backoff. Heartbeats carry the
        same news later, so an orchestrator without the stream is not asked
        again."""
        failures = 0
        while True:
            if failures:
                await asyncio.sleep(self.backoff.delay(failures))
            request = worker_pb2.WatchClaimsRequest(worker_uuid=self._worker_uuid)
            call = self._stub.WatchClaims(request, metadata=self._metadata)
            try:
                async for message in call:
                    failures = 0
                    self._cancel_claim(message.lease.claim_uuid)
                failures += 1
            except grpc.RpcError as error:
                if _code_of(error) == grpc.StatusCode.UNIMPLEMENTED:
                    return
                failures += 1
            finally:
                call.cancel()


# ---------------------------------------------------------------- functions


def _is_async(fn: Callable[..., Any]) -> bool:
    if inspect.iscoroutinefunction(fn):
        return True
    call = getattr(fn, "__call__", None)  # noqa: B004 - an object with an async __call__
    return call is not None and inspect.iscoroutinefunction(call)


async def _call_async(fn: Handler, ctx: StepContext) -> Any:
    return await fn(ctx)


def _outcome_of(work: asyncio.Future[Any]) -> Any:
    """The results ``Struct`` or the :class:`HandlerError` of a finished handler."""
    if work.cancelled():
        return RetryableError("the handler was cancelled", error_class="Cancelled")
    error = work.exception()
    if error is None:
        try:
            return _convert.results_to_struct(work.result())
        except (TypeError, ValueError) as invalid:
            return RetryableError(
                f"the handler's results are not JSON-serialisable: {invalid}",
                error_class=ERROR_CLASS_INVALID_RESULT,
            )
    if isinstance(error, HandlerError):
        return error
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return RetryableError(
        str(error) or type(error).__name__,
        error_class=type(error).__name__,
        details={"traceback": trace[-_MAX_TRACEBACK:]},
    )


def _failure_of(error: HandlerError) -> worker_pb2.AttemptFailure:
    failure = worker_pb2.AttemptFailure(
        error=common_pb2.StepError(
            message=error.message,
            error_class=error.error_class,
            retryable=error.retryable,
        )
    )
    if error.details is not None:
        try:
            failure.error.details.CopyFrom(_convert.results_to_struct(error.details))
        except (TypeError, ValueError):
            failure.error.details.CopyFrom(_convert.results_to_struct({"repr": repr(error.details)}))
    if error.retry_after is not None and error.retryable:
        failure.retry_after.CopyFrom(_convert.seconds_to_duration(error.retry_after))
    return failure


def _verdict(status: Any) -> str:
    """``recorded``, ``dropped`` or ``again`` for one report's status."""
    if status is None:
        log.error("the orchestrator answered fewer results than reports; result dropped")
        return "dropped"
    code = status_code(status.code)
    if code == grpc.StatusCode.OK:
        return "recorded"
    if classify(code) == Failure.TRANSIENT:
        return "again"
    log.warning("report refused (%s: %s); result dropped", code.name, status.message)
    return "dropped"


def _settle(pending: _Pending, recorded: bool) -> None:
    if not pending.recorded.done():
        pending.recorded.set_result(recorded)


def _code_of(error: grpc.RpcError) -> grpc.StatusCode:
    code = getattr(error, "code", None)
    value = code() if callable(code) else None
    return value if isinstance(value, grpc.StatusCode) else grpc.StatusCode.UNKNOWN


def _details_of(error: grpc.RpcError) -> str:
    details = getattr(error, "details", None)
    value = details() if callable(details) else None
    return str(value or "")


def _rejected(rpc: str, error: grpc.RpcError) -> WorkerRejected:
    return WorkerRejected(rpc, _code_of(error).name, _details_of(error))
