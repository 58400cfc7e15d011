"""Unit tests of the pieces that need no server: conversions, backoff,
RetryInfo, endpoints and credentials, settings, the step context."""

import datetime

import grpc
import pytest
from google.protobuf import any_pb2, duration_pb2, struct_pb2
from google.rpc import error_details_pb2, status_pb2

from tasker_worker import (
    Backoff,
    Cancellation,
    ConfigError,
    PermanentError,
    RetryableError,
    StepContext,
    Worker,
    _channel,
    _convert,
)
from tasker_worker.pb import step_pb2, worker_pb2
from tasker_worker.retry import Failure, classify, delay_after, retry_delay_of, status_code


def test_struct_round_trip_keeps_whole_numbers_whole():
    value = {"n": 3, "x": 1.5, "big": 2**60, "s": "é", "ok": True, "none": None, "list": [1, {"a": [2]}]}
    back = _convert.struct_to_dict(_convert.dict_to_struct(value))
    assert back["n"] == 3
    assert isinstance(back["n"], int)
    assert back["x"] == 1.5
    assert isinstance(back["big"], float), "beyond 2^53 a double is not exact"
    assert back["s"] == "é"
    assert back["ok"] is True
    assert back["none"] is None
    assert back["list"] == [1, {"a": [2]}]


def test_results_are_objects():
    assert _convert.struct_to_dict(_convert.results_to_struct(None)) == {}
    assert _convert.struct_to_dict(_convert.results_to_struct([1, 2])) == {"result": [1, 2]}
    assert _convert.struct_to_dict(_convert.results_to_struct("x")) == {"result": "x"}
    assert _convert.struct_to_dict(_convert.results_to_struct({"a": (1, 2)})) == {"a": [1, 2]}


@pytest.mark.parametrize(
    ("value", "where"),
    [({"a": {1, 2}}, "$.a"), ({"a": [b"x"]}, "$.a[0]"), ({1: "x"}, "key 1"), ({"a": float("nan")}, "$.a")],
)
def test_results_that_json_cannot_carry_are_refused(value, where):
    with pytest.raises(TypeError, match=where.replace("[", r"\[").replace("$", r"\$")):
        _convert.results_to_struct(value)


def test_durations_and_timestamps():
    assert _convert.seconds_to_duration(1.5) == duration_pb2.Duration(seconds=1, nanos=500_000_000)
    assert _convert.duration_to_seconds(duration_pb2.Duration(seconds=2, nanos=250_000_000)) == 2.25
    assert _convert.duration_to_seconds(duration_pb2.Duration()) is None
    assert _convert.duration_to_seconds(None) is None
    claim = worker_pb2.ClaimedStep()
    assert _convert.timestamp_to_datetime(claim.lease_expires_at) is None
    claim.lease_expires_at.FromSeconds(1_700_000_000)
    assert _convert.timestamp_to_datetime(claim.lease_expires_at) == datetime.datetime.fromtimestamp(
        1_700_000_000, datetime.timezone.utc
    )


def test_backoff_grows_caps_and_jitters():
    backoff = Backoff(initial=0.1, maximum=1.0)
    assert [backoff.nominal(n) for n in (0, 1, 2, 3, 4, 5, 100)] == [0.1, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    for attempt in range(1, 10):
        delay = backoff.delay(attempt)
        assert backoff.nominal(attempt) / 2 <= delay <= backoff.nominal(attempt)


def _status_details(*details: object) -> bytes:
    status = status_pb2.Status(code=14, message="busy")
    for detail in details:
        packed = any_pb2.Any()
        packed.Pack(detail)
        status.details.append(packed)
    return status.SerializeToString()


def test_retry_info_is_read_from_the_status_details():
    info = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=2, nanos=500_000_000))
    other = error_details_pb2.ErrorInfo(reason="BUSY")
    trailers = [("grpc-status-details-bin", _status_details(other, info))]
    assert retry_delay_of(trailers) == 2.5
    assert retry_delay_of([("grpc-status-details-bin", _status_details(other))]) is None
    assert retry_delay_of([("grpc-status-details-bin", b"\xff\xff not a status")]) is None
    assert retry_delay_of(None) is None


class _Error(grpc.RpcError):
    def __init__(self, trailers):
        self._trailers = trailers

    def code(self):
        return grpc.StatusCode.UNAVAILABLE

    def trailing_metadata(self):
        return self._trailers


def test_retry_info_raises_the_backoff_but_is_capped():
    backoff = Backoff(initial=0.01, maximum=0.02)
    asked = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=3))
    assert delay_after(backoff, 1, _Error([("grpc-status-details-bin", _status_details(asked))])) == 3.0
    huge = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=3600))
    assert delay_after(backoff, 1, _Error([("grpc-status-details-bin", _status_details(huge))])) == 60.0
    assert delay_after(backoff, 1, _Error([])) <= 0.01


def test_classify():
    assert classify(grpc.StatusCode.UNAVAILABLE) == Failure.TRANSIENT
    assert classify(grpc.StatusCode.RESOURCE_EXHAUSTED) == Failure.TRANSIENT
    assert classify(grpc.StatusCode.FAILED_PRECONDITION) == Failure.LEASE_LOST
    assert classify(grpc.StatusCode.NOT_FOUND) == Failure.NOT_FOUND
    assert classify(grpc.StatusCode.PERMISSION_DENIED) == Failure.PERMANENT
    assert classify(grpc.StatusCode.UNAUTHENTICATED) == Failure.PERMANENT
    assert status_code(0) == grpc.StatusCode.OK
    assert status_code(9) == grpc.StatusCode.FAILED_PRECONDITION
    assert status_code(999) == grpc.StatusCode.UNKNOWN


def test_endpoints():
    assert _channel.parse_endpoint("http://127.0.0.1:9090") == ("127.0.0.1:9090", False)
    assert _channel.parse_endpoint("https://tasker.example.com") == ("tasker.example.com:443", True)
    assert _channel.parse_endpoint("http://[::1]:9090/") == ("[::1]:9090", False)
    for bad in ("127.0.0.1:9090", "ftp://x:1", "http://x:1/path", "http://x:port", "http://"):
        with pytest.raises(ConfigError):
            _channel.parse_endpoint(bad)


def test_credentials(monkeypatch):
    monkeypatch.setenv("TASKER_API_KEY", "tk_env")
    assert _channel.credential_metadata(None, None) == (("x-api-key", "tk_env"),)
    assert _channel.credential_metadata("tk_given", None) == (("x-api-key", "tk_given"),)
    assert _channel.credential_metadata(None, "jwt") == (("authorization", "Bearer jwt"),)
    monkeypatch.delenv("TASKER_API_KEY")
    assert _channel.credential_metadata(None, None) == ()
    with pytest.raises(ConfigError, match="api_key"):
        _channel.credential_metadata("bad\nkey", None)


def test_worker_settings_are_checked(monkeypatch):
    monkeypatch.delenv("TASKER_ENDPOINT", raising=False)
    with pytest.raises(ConfigError, match="TASKER_ENDPOINT"):
        Worker(namespaces=["a"])
    monkeypatch.setenv("TASKER_ENDPOINT", "http://127.0.0.1:1")
    assert Worker(namespaces=["a"]).endpoint == "http://127.0.0.1:1"
    for kwargs, match in [
        ({"namespaces": []}, "namespaces"),
        ({"namespaces": "a"}, "namespaces"),
        ({"namespaces": ["a", ""]}, "namespaces"),
        ({"namespaces": ["a"], "concurrency": 0}, "concurrency"),
        ({"namespaces": ["a"], "report_attempts": 0}, "report_attempts"),
        ({"namespaces": ["a"], "request_timeout": 0}, "request_timeout"),
        ({"namespaces": ["a"], "root_certificates": b"pem"}, "https"),
    ]:
        with pytest.raises(ConfigError, match=match):
            Worker("http://127.0.0.1:1", **kwargs)
    worker = Worker("http://127.0.0.1:1", namespaces=["a"], api_key="tk_secret")
    assert "tk_secret" not in repr(worker)

    @worker.handler("one")
    def one(ctx):
        return None

    with pytest.raises(ConfigError, match="twice"):
        worker.register("one", one)
    assert worker.handler_names == ["one"]


def test_handler_errors():
    retry = RetryableError("later", retry_after=datetime.timedelta(seconds=2), details={"a": 1})
    assert (retry.retryable, retry.retry_after, retry.error_class) == (True, 2.0, "RetryableError")
    permanent = PermanentError("never", error_class="Declined")
    assert (permanent.retryable, permanent.retry_after, permanent.error_class) == (False, None, "Declined")
    with pytest.raises(ValueError, match="negative"):
        RetryableError("x", retry_after=-1)


def test_step_context_from_claim():
    claim = worker_pb2.ClaimedStep(
        claim_uuid="c1",
        namespace="ns",
        task_name="t",
        task_version="1.0.0",
        attempt=2,
        traceparent="00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        step=step_pb2.Step(
            step_uuid="s1",
            task_uuid="t1",
            name="b",
            handler="h",
            max_attempts=3,
            timeout=duration_pb2.Duration(seconds=7),
        ),
    )
    claim.task_context.update({"x": 1})
    claim.dependency_results["a"].CopyFrom(_convert.dict_to_struct({"sum": 2}))
    claim.step.handler_config.update({"add": 1})
    ctx = StepContext.from_claim(claim, 300.0, Cancellation())
    assert (ctx.claim_uuid, ctx.step_uuid, ctx.task_uuid, ctx.step_name, ctx.handler) == ("c1", "s1", "t1", "b", "h")
    assert (ctx.namespace, ctx.task_name, ctx.task_version) == ("ns", "t", "1.0.0")
    assert ctx.task_context == {"x": 1}
    assert ctx.dependency_result("a") == {"sum": 2}
    assert ctx.dependency_result("z") is None
    assert ctx.handler_config == {"add": 1}
    assert (ctx.attempt, ctx.max_attempts, ctx.timeout) == (2, 3, 7.0)
    assert ctx.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    assert not ctx.cancelled
    assert StepContext.from_claim(worker_pb2.ClaimedStep(), 300.0, Cancellation()).timeout == 300.0


def test_cancellation_is_seen_from_threads_and_tasks():
    import asyncio
    import threading

    async def scenario():
        cancellation = Cancellation()
        seen = []
        thread = threading.Thread(target=lambda: seen.append(cancellation.wait_sync(5)))
        thread.start()
        waiter = asyncio.ensure_future(cancellation.wait())
        await asyncio.sleep(0.05)
        assert not cancellation.is_set()
        cancellation._fire("expired")
        cancellation._fire("later reasons do not replace the first")
        assert await waiter == "expired"
        await asyncio.to_thread(thread.join)
        assert seen == [True]
        assert cancellation.reason == "expired"

    asyncio.run(scenario())


def test_struct_values_of_every_kind():
    value = struct_pb2.Value(number_value=float("inf"))
    assert _convert.value_to_python(value) == float("inf")
