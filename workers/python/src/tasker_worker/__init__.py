"""Tasker worker SDK: run steps of Tasker workflows from Python.

A :class:`Worker` registers handlers by name, claims ready steps of its
namespaces from the orchestrator, runs them (``async def`` handlers on the
event loop, plain functions on threads), keeps their leases with heartbeats
and reports results in batches. :class:`TaskerClient` creates, reads and
watches tasks. Both speak gRPC through stubs generated from the
orchestrator's protos (:mod:`tasker_worker.pb`).
"""

from tasker_worker.client import TaskerClient, is_terminal
from tasker_worker.context import Cancellation, StepContext
from tasker_worker.errors import (
    ConfigError,
    HandlerError,
    PermanentError,
    RetryableError,
    TaskerError,
    WorkerRejected,
)
from tasker_worker.retry import Backoff
from tasker_worker.version import __version__
from tasker_worker.worker import Worker, WorkerStatus

__all__ = [
    "Backoff",
    "Cancellation",
    "ConfigError",
    "HandlerError",
    "PermanentError",
    "RetryableError",
    "StepContext",
    "TaskerClient",
    "TaskerError",
    "Worker",
    "WorkerRejected",
    "WorkerStatus",
    "__version__",
    "is_terminal",
]
