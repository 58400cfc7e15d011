"""A runnable worker with configurable no-op handlers, for trying the SDK out,
for tests and for benchmarks.

::

    TASKER_ENDPOINT=http://127.0.0.1:9090 TASKER_API_KEY=tk_... \\
      python -m tasker_worker.example --namespace examples --handlers a,b,c

Every handler returns ``{"handler": ..., "worker": ..., "language": "python",
"attempt": ..., "dependencies": [names of the steps it depends on]}`` unless
a flag gives it a behaviour: ``--fail NAME=N`` fails retryably on its first
N attempts, ``--permanent NAME`` always raises
:class:`~tasker_worker.PermanentError`, ``--sleep NAME=SECONDS`` sleeps
(stopping early when its cancellation fires) before it succeeds. Logs are
JSON lines on stderr; SIGTERM or SIGINT drains and exits 0. Exit status 3
means the orchestrator refused the worker (for example a credential limited
to other namespaces), 2 a bad setting.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from collections.abc import Sequence
from typing import Any

from tasker_worker.context import StepContext
from tasker_worker.errors import ConfigError, PermanentError, RetryableError, WorkerRejected
from tasker_worker.worker import Handler, Worker

_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, message and the extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def _pairs(values: Sequence[str], flag: str, kind: type[float] | type[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value in values:
        name, sep, number = value.partition("=")
        if not sep or not name:
            raise SystemExit(f"{flag} expects NAME=NUMBER, got {value!r}")
        try:
            out[name] = kind(number)
        except ValueError:
            raise SystemExit(f"{flag} expects NAME=NUMBER, got {value!r}") from None
    return out


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m tasker_worker.example", description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", help="orchestrator URL (default: TASKER_ENDPOINT)")
    parser.add_argument("--namespace", action="append", required=True, help="namespace to serve (repeat for several)")
    parser.add_argument("--handlers", required=True, help="comma-separated handler names")
    parser.add_argument("--concurrency", type=int, default=8, help="steps run at once (default 8)")
    parser.add_argument("--name", help="worker name (default python-<host>-<pid>)")
    parser.add_argument("--fail", action="append", default=[], metavar="NAME=N", help="fail the first N attempts")
    parser.add_argument("--permanent", action="append", default=[], metavar="NAME", help="always fail for good")
    parser.add_argument("--sleep", action="append", default=[], metavar="NAME=SECONDS", help="sleep first")
    parser.add_argument("--sync", action="store_true", help="plain functions on threads, not async def")
    parser.add_argument("--long-poll-wait", type=float, default=20.0, help="claim long poll, seconds")
    parser.add_argument("--drain-timeout", type=float, default=30.0, help="seconds in-flight steps get on SIGTERM")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING, ...")
    return parser.parse_args(argv)


def make_handler(name: str, worker_name: str, *, fail: int, permanent: bool, sleep: float, sync: bool) -> Handler:
    """A handler with the behaviour the flags give ``name``."""

    def outcome(ctx: StepContext) -> dict[str, Any]:
        if permanent:
            raise PermanentError(f"{name} always fails", error_class="ExamplePermanent")
        if ctx.attempt <= fail:
            raise RetryableError(f"{name} fails attempt {ctx.attempt} of the first {fail}", error_class="ExampleFlaky")
        return {
            "handler": name,
            "worker": worker_name,
            "language": "python",
            "attempt": ctx.attempt,
            "dependencies": sorted(ctx.dependency_results),
        }

    if sync:

        def run_sync(ctx: StepContext) -> dict[str, Any]:
            if sleep > 0 and ctx.cancellation.wait_sync(sleep):
                raise RetryableError(f"stopped: {ctx.cancellation.reason}", error_class="ExampleStopped")
            return outcome(ctx)

        return run_sync

    async def run_async(ctx: StepContext) -> dict[str, Any]:
        if sleep > 0:
            try:
                reason = await asyncio.wait_for(ctx.cancellation.wait(), timeout=sleep)
            except asyncio.TimeoutError:
                pass
            else:
                raise RetryableError(f"stopped: {reason}", error_class="ExampleStopped")
        return outcome(ctx)

    return run_async


def build(args: argparse.Namespace) -> Worker:
    """The worker the arguments describe."""
    worker = Worker(
        args.endpoint,
        namespaces=args.namespace,
        concurrency=args.concurrency,
        name=args.name,
        long_poll_wait=args.long_poll_wait,
        drain_timeout=args.drain_timeout,
    )
    fails = _pairs(args.fail, "--fail", int)
    sleeps = _pairs(args.sleep, "--sleep", float)
    for name in filter(None, (n.strip() for n in args.handlers.split(","))):
        worker.register(
            name,
            make_handler(
                name,
                worker.name,
                fail=fails.get(name, 0),
                permanent=name in args.permanent,
                sleep=sleeps.get(name, 0.0),
                sync=args.sync,
            ),
        )
    return worker


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the example worker until SIGTERM or SIGINT."""
    args = parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=args.log_level.upper(), handlers=[handler])
    try:
        worker = build(args)
        worker.serve()
    except ConfigError as error:
        logging.getLogger("tasker_worker").error("invalid settings: %s", error)
        return 2
    except WorkerRejected as error:
        logging.getLogger("tasker_worker").error("refused: %s", error, extra={"code": error.code})
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
