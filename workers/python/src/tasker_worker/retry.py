"""Retrying calls to the orchestrator: which gRPC errors are worth retrying,
capped exponential backoff with jitter, and the server's ``RetryInfo``."""

from __future__ import annotations

import enum
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import grpc
from google.rpc import error_details_pb2, status_pb2

# A server that asks for a longer pause than this is not followed further, so
# a confused server cannot park a worker.
MAX_RETRY_INFO_DELAY = 60.0

_STATUS_DETAILS = "grpc-status-details-bin"
_RETRY_INFO = "google.rpc.RetryInfo"


@dataclass(frozen=True)
class Backoff:
    """Capped exponential backoff with jitter.

    The ``n``-th delay (from 1) is ``initial * 2**(n-1)``, capped at
    ``maximum``, then drawn uniformly from its upper half ("equal jitter"),
    so retries of many workers spread out while each still waits at least
    half the nominal delay. Seconds.
    """

    initial: float = 0.1
    maximum: float = 10.0

    def nominal(self, attempt: int) -> float:
        """The delay before retry ``attempt`` (from 1), before jitter."""
        exponent = min(max(attempt - 1, 0), 31)
        return min(self.initial * (2**exponent), self.maximum)

    def delay(self, attempt: int) -> float:
        """The delay before retry ``attempt``: the nominal delay, jittered into
        ``[nominal / 2, nominal]``."""
        half = self.nominal(attempt) / 2
        return half + half * random.random()


class Failure(enum.Enum):
    """How a failed call to the orchestrator is handled."""

    TRANSIENT = "transient"
    """The network or the server is (perhaps briefly) unavailable: retry."""
    LEASE_LOST = "lease_lost"
    """The lease is no longer held (``FAILED_PRECONDITION``): drop the report."""
    NOT_FOUND = "not_found"
    """The orchestrator does not know the worker or claim."""
    PERMANENT = "permanent"
    """Retrying cannot help (credentials, permissions, a bad request)."""


_TRANSIENT = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.ABORTED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.UNKNOWN,
        grpc.StatusCode.CANCELLED,
    }
)

_BY_NUMBER = {code.value[0]: code for code in grpc.StatusCode}


def status_code(number: int) -> grpc.StatusCode:
    """The ``grpc.StatusCode`` of a numeric code (``UNKNOWN`` when unknown)."""
    return _BY_NUMBER.get(number, grpc.StatusCode.UNKNOWN)


def classify(code: grpc.StatusCode) -> Failure:
    """How to handle a call that failed with ``code``."""
    if code in _TRANSIENT:
        return Failure.TRANSIENT
    if code == grpc.StatusCode.FAILED_PRECONDITION:
        return Failure.LEASE_LOST
    if code == grpc.StatusCode.NOT_FOUND:
        return Failure.NOT_FOUND
    return Failure.PERMANENT


def retry_delay_of(trailing_metadata: Iterable[Any] | None) -> float | None:
    """The delay (seconds) a ``google.rpc.RetryInfo`` detail in the
    ``grpc-status-details-bin`` trailer asks for, if any."""
    for item in trailing_metadata or ():
        key, value = item[0], item[1]
        if key != _STATUS_DETAILS or not isinstance(value, bytes):
            continue
        try:
            status = status_pb2.Status.FromString(value)
        except Exception:  # a malformed trailer is no instruction
            return None
        for detail in status.details:
            if detail.type_url.rsplit("/", 1)[-1] != _RETRY_INFO:
                continue
            info = error_details_pb2.RetryInfo()
            if detail.Unpack(info):
                delay = info.retry_delay.seconds + info.retry_delay.nanos / 1e9
                return delay if delay > 0 else None
    return None


def retry_delay(error: grpc.RpcError) -> float | None:
    """The delay the server asked for in the ``RetryInfo`` of a failed call."""
    trailing = getattr(error, "trailing_metadata", None)
    try:
        metadata = trailing() if callable(trailing) else None
    except Exception:  # no trailers (a local failure)
        return None
    return retry_delay_of(metadata)


def delay_after(backoff: Backoff, attempt: int, error: grpc.RpcError | None) -> float:
    """The delay before retry ``attempt`` after ``error``: the backoff, raised
    to the server's ``RetryInfo`` when it asks for longer (at most a minute)."""
    delay = backoff.delay(attempt)
    asked = retry_delay(error) if error is not None else None
    if asked is not None:
        delay = max(delay, min(asked, MAX_RETRY_INFO_DELAY))
    return delay
