"""What a handler is given: the step's :class:`StepContext` and its
:class:`Cancellation` signal."""

from __future__ import annotations

import asyncio
import datetime
import threading
from dataclasses import dataclass, field
from typing import Any

from tasker_worker import _convert
from tasker_worker._proto.tasker.v1 import worker_pb2

# Lease reasons a handler may see in ``Cancellation.reason``.
REASON_TASK_CANCELLED = "task_cancelled"
REASON_TIMEOUT = "timeout"
REASON_SHUTDOWN = "shutdown"


class Cancellation:
    """Fires when the attempt should stop: its lease was lost (a heartbeat
    answered ``held: false``, or heartbeats failed until the lease ran out),
    its task was cancelled, it ran past its timeout, or the worker's drain
    timeout ran out. A result returned afterwards is not reported (except
    for a cancelled task, whose attempt is reported as cancelled).

    Usable from ``async def`` handlers (``await ctx.cancellation.wait()``)
    and from plain functions, which run on worker threads
    (``ctx.cancellation.is_set()``, ``ctx.cancellation.wait_sync(1.0)``).
    """

    def __init__(self) -> None:
        self._flag = threading.Event()
        self._event = asyncio.Event()
        self._reason: str | None = None

    def is_set(self) -> bool:
        """Whether the attempt should stop."""
        return self._flag.is_set()

    @property
    def reason(self) -> str | None:
        """Why: ``expired``, ``task_cancelled``, ``timeout``, ``shutdown``, ...;
        ``None`` while not fired."""
        return self._reason

    async def wait(self) -> str:
        """Waits until the signal fires; returns the reason."""
        await self._event.wait()
        return self._reason or ""

    def wait_sync(self, timeout: float | None = None) -> bool:
        """Blocks a handler thread until the signal fires or ``timeout``
        (seconds) passes; ``True`` when it fired."""
        return self._flag.wait(timeout)

    def _fire(self, reason: str) -> None:
        """Fires the signal (on the worker's event loop)."""
        if self._flag.is_set():
            return
        self._reason = reason
        self._flag.set()
        self._event.set()


@dataclass(frozen=True)
class StepContext:
    """One attempt of a step, as a handler sees it."""

    claim_uuid: str
    """The claim this attempt runs under."""
    step_uuid: str
    """The step; a stable key for idempotent side effects."""
    task_uuid: str
    """The step's task."""
    step_name: str
    """The step's name in its template."""
    handler: str
    """The handler name the step asks for."""
    namespace: str
    """The task's namespace."""
    task_name: str
    """The task's template name."""
    task_version: str
    """The task's template version."""
    task_context: dict[str, Any]
    """The task's input context (a JSON object)."""
    dependency_results: dict[str, dict[str, Any]]
    """Results of the steps this one depends on, by step name."""
    handler_config: dict[str, Any]
    """The step's static ``handler_config`` from the template."""
    attempt: int
    """This attempt's number, from 1."""
    max_attempts: int
    """Attempts the template allows, counting the first."""
    timeout: float
    """Seconds this attempt may take; past it, it is stopped and reported as a
    retryable ``HandlerTimeout``."""
    lease_expires_at: datetime.datetime | None
    """When the lease ran out at claim time (heartbeats extend it)."""
    traceparent: str
    """W3C trace context of the request that created the task (a
    ``traceparent`` header value; empty when none): continue it in the
    step's span so one trace follows the task from its client to here."""
    cancellation: Cancellation = field(repr=False, compare=False)
    """Fires when the attempt should stop (see :class:`Cancellation`)."""
    claim: worker_pb2.ClaimedStep = field(repr=False, compare=False)
    """The claim as the orchestrator sent it (the generated message)."""

    def dependency_result(self, step_name: str) -> dict[str, Any] | None:
        """The results of dependency ``step_name``, if it is one."""
        return self.dependency_results.get(step_name)

    @property
    def cancelled(self) -> bool:
        """Whether the attempt should stop (``cancellation.is_set()``)."""
        return self.cancellation.is_set()

    @classmethod
    def from_claim(
        cls, claim: worker_pb2.ClaimedStep, default_timeout: float, cancellation: Cancellation
    ) -> StepContext:
        """The context of a claimed step."""
        step = claim.step
        return cls(
            claim_uuid=claim.claim_uuid,
            step_uuid=step.step_uuid,
            task_uuid=step.task_uuid,
            step_name=step.name,
            handler=step.handler,
            namespace=claim.namespace,
            task_name=claim.task_name,
            task_version=claim.task_version,
            task_context=_convert.struct_to_dict(claim.task_context),
            dependency_results={
                name: _convert.struct_to_dict(results) for name, results in claim.dependency_results.items()
            },
            handler_config=_convert.struct_to_dict(step.handler_config),
            attempt=claim.attempt or step.attempts,
            max_attempts=step.max_attempts,
            timeout=_convert.duration_to_seconds(step.timeout) or default_timeout,
            lease_expires_at=_convert.timestamp_to_datetime(claim.lease_expires_at),
            traceparent=claim.traceparent,
            cancellation=cancellation,
            claim=claim,
        )
