"""Errors: what a handler raises to fail an attempt, and what the SDK raises."""

from __future__ import annotations

import datetime
from typing import Any


class TaskerError(Exception):
    """Base of the errors the SDK itself raises."""


class ConfigError(TaskerError, ValueError):
    """A setting is missing or invalid (raised before anything is sent)."""


class WorkerRejected(TaskerError):
    """The orchestrator refused the worker for a reason retrying cannot fix.

    For example a credential without the ``worker:*`` permissions, or limited
    to other namespaces than the worker asked for (``PERMISSION_DENIED``).
    """

    def __init__(self, rpc: str, code: str, message: str) -> None:
        super().__init__(f"{rpc} refused: {code}: {message}")
        self.rpc = rpc
        self.code = code
        self.message = message


def _seconds(value: float | datetime.timedelta | None) -> float | None:
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, datetime.timedelta) else float(value)
    if seconds < 0:
        raise ValueError("retry_after must not be negative")
    return seconds


class HandlerError(Exception):
    """A failed attempt, as reported to the orchestrator with ``FailStep``.

    Raise :class:`RetryableError` or :class:`PermanentError` from a handler;
    any other exception is reported as a retryable failure whose
    ``error_class`` is the exception's type name.
    """

    retryable: bool = True

    def __init__(
        self,
        message: str,
        *,
        error_class: str | None = None,
        details: Any = None,
        retry_after: float | datetime.timedelta | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_class = error_class or type(self).__name__
        self.details = details
        self.retry_after = _seconds(retry_after)


class RetryableError(HandlerError):
    """A failure another attempt may fix; retried while the template allows.

    ``retry_after`` (seconds or a ``timedelta``) is the least delay before the
    next attempt, for example an upstream's ``Retry-After``; the template's
    backoff applies when it is longer.
    """

    retryable = True


class PermanentError(HandlerError):
    """A failure no retry can fix: the step fails at once (and the task goes to
    the dead-letter queue for investigation)."""

    retryable = False

    def __init__(self, message: str, *, error_class: str | None = None, details: Any = None) -> None:
        super().__init__(message, error_class=error_class, details=details)
