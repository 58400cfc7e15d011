"""Steps per second of the Python SDK with no-op handlers, beside the Rust
worker in the same run.

Per round and per worker kind (rounds interleaved: python, rust, python,
...): a fresh ``tasker-server`` on a temporary SQLite file, the template
``bench/diamond`` (a -> {b, c} -> d, every step ``noop``), two worker
processes of that kind (the SDK's example worker, or the ``tasker-worker``
binary) with ``--concurrency`` slots each, then ``--tasks`` tasks created
with ``--in-flight`` at most in flight (each one watched until complete).
Reports steps/s (4 x tasks / wall time from the first creation to the last
completion) and the CPU per step of the server and of the two workers
together (from ``/proc``).

Run from the repository's root with the SDK installed (``scripts/make
python-sdk``)::

    target/python-venv/bin/python workers/python/benchmarks/throughput.py \\
        --server-bin target/release/tasker-server --worker-bin target/release/tasker-worker
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tasker_worker import TaskerClient

TEMPLATE = """
namespace: bench
name: diamond
version: 1.0.0
steps:
  - {name: a, handler: noop}
  - {name: b, handler: noop, depends_on: [a]}
  - {name: c, handler: noop, depends_on: [a]}
  - {name: d, handler: noop, depends_on: [b, c]}
"""
ADMIN_KEY_MARKER = "admin API key (shown once): "
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Process:
    """A child process whose output lines are kept."""

    proc: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    readers: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    async def start(cls, *args: str, env: dict[str, str]) -> Process:
        """Starts ``args`` with ``env``, collecting stdout and stderr."""
        proc = await asyncio.create_subprocess_exec(
            *args,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out = cls(proc)
        for stream in (proc.stdout, proc.stderr):
            assert stream is not None
            out.readers.append(asyncio.create_task(out._read(stream)))
        return out

    async def _read(self, stream: asyncio.StreamReader) -> None:
        async for line in stream:
            self.lines.append(line.decode(errors="replace").rstrip("\n"))

    async def wait_for(self, predicate: str, timeout: float = 30.0) -> str:
        """The first line containing ``predicate``."""
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            for line in self.lines[seen:]:
                if predicate in line:
                    return line
            seen = len(self.lines)
            if self.proc.returncode is not None:
                break
            await asyncio.sleep(0.02)
        raise RuntimeError(f"no line with {predicate!r}:\n" + "\n".join(self.lines[-30:]))

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    async def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s."""
        if self.proc.returncode is None:
            self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), timeout=10)
            except asyncio.TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        for reader in self.readers:
            reader.cancel()


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without ``TASKER_*`` variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASKER_")}
    env.update(extra)
    return env


async def start_server(binary: str, data_dir: str) -> tuple[Process, str, str]:
    """A server on port 0: the process, its URL and the admin key."""
    server = await Process.start(
        binary,
        env=clean_env(
            TASKER_ENVIRONMENT="test",
            TASKER_SERVER__BIND="127.0.0.1:0",
            TASKER_LOG__FORMAT="json",
            TASKER_LOG__LEVEL="warn,tasker_server=info",
            TASKER_STORAGE__DATA_DIR=data_dir,
            TASKER_AUTH__JWT_SECRET=secrets.token_hex(32),
            # One watch per task in flight.
            TASKER_AUTH__MAX_WATCH_STREAMS_PER_CREDENTIAL="1000",
        ),
    )
    listening = json.loads(await server.wait_for('"listening"'))
    key_line = await server.wait_for(ADMIN_KEY_MARKER)
    key = key_line.split(ADMIN_KEY_MARKER, 1)[1].split()[0]
    return server, f"http://{listening['fields']['addr']}", key


async def start_workers(kind: str, args: argparse.Namespace, url: str, key: str) -> list[Process]:
    """Two (``--workers``) worker processes of ``kind`` serving ``bench``."""
    workers = []
    for index in range(args.workers):
        if kind == "python":
            worker = await Process.start(
                sys.executable,
                "-m",
                "tasker_worker.example",
                "--namespace",
                "bench",
                "--handlers",
                "noop",
                "--concurrency",
                str(args.concurrency),
                "--name",
                f"bench-python-{index}",
                "--long-poll-wait",
                "1",
                "--log-level",
                "INFO",  # the registration; steps are logged at DEBUG
                env=clean_env(TASKER_ENDPOINT=url, TASKER_API_KEY=key, PYTHONUNBUFFERED="1"),
            )
        else:
            worker = await Process.start(
                args.worker_bin,
                env=clean_env(
                    TASKER_WORKER_ORCHESTRATOR__URL=url,
                    TASKER_WORKER_ORCHESTRATOR__API_KEY=key,
                    TASKER_WORKER_EXECUTION__NAMESPACES="[bench]",
                    TASKER_WORKER_EXECUTION__CONCURRENCY=str(args.concurrency),
                    TASKER_WORKER_EXECUTION__CLAIM_BATCH_SIZE=str(args.concurrency),
                    TASKER_WORKER_SERVER__BIND="127.0.0.1:0",
                    TASKER_WORKER_EXECUTION__LONG_POLL_WAIT="1s",
                    TASKER_WORKER_TEMPLATES__DIR="/nonexistent",
                    TASKER_WORKER_LOG__FORMAT="json",
                    # As tasker-bench runs it: at info it logs every step.
                    TASKER_WORKER_LOG__LEVEL="warn",
                ),
            )
        workers.append(worker)
    if kind == "python":
        for worker in workers:
            await worker.wait_for('"registered"')
    else:
        # Quiet at warn, the Rust worker does not say when it registered;
        # it takes milliseconds, and the warm-up below covers stragglers.
        await asyncio.sleep(2)
    for worker in workers:
        if worker.proc.returncode is not None:
            raise RuntimeError(f"a {kind} worker exited:\n" + "\n".join(worker.lines[-30:]))
    return workers


async def one_round(kind: str, args: argparse.Namespace) -> dict[str, float]:
    """One measurement with workers of ``kind``."""
    with tempfile.TemporaryDirectory() as data_dir:
        server, url, key = await start_server(args.server_bin, data_dir)
        workers: list[Process] = []
        try:
            async with TaskerClient(url, api_key=key, timeout=30) as client:
                await client.register_template(TEMPLATE)
                workers = await start_workers(kind, args, url, key)
                gate = asyncio.Semaphore(args.in_flight)

                async def one_task() -> None:
                    async with gate:
                        task = await client.create_task("bench", "diamond")
                        await client.wait_for_task(task.task_uuid, timeout=120)

                # Warm-up: connections open, every worker polling.
                await asyncio.gather(*(one_task() for _ in range(args.workers * args.concurrency)))
                cpu_before = server.cpu_seconds()
                workers_before = sum(w.cpu_seconds() for w in workers)
                started = time.monotonic()
                await asyncio.gather(*(one_task() for _ in range(args.tasks)))
                elapsed = time.monotonic() - started
                cpu = server.cpu_seconds() - cpu_before
                workers_cpu = sum(w.cpu_seconds() for w in workers) - workers_before
        finally:
            for worker in workers:
                await worker.stop()
            await server.stop()
    steps = 4 * args.tasks
    return {
        "steps_per_second": steps / elapsed,
        "server_cpu_us_per_step": cpu / steps * 1e6,
        "worker_cpu_us_per_step": workers_cpu / steps * 1e6,
    }


async def main() -> None:
    """Runs the rounds and prints a table (and JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-bin", default="target/release/tasker-server")
    parser.add_argument("--worker-bin", default="target/release/tasker-worker")
    parser.add_argument("--kinds", default="python,rust", help="worker kinds, interleaved")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=400)
    parser.add_argument("--in-flight", type=int, default=128)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--json", help="write every round's figures here")
    args = parser.parse_args()
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    results: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for round_number in range(1, args.rounds + 1):
        for kind in kinds:
            figures = await one_round(kind, args)
            results[kind].append(figures)
            print(
                f"round {round_number} {kind:6} {figures['steps_per_second']:8.1f} steps/s "
                f"{figures['server_cpu_us_per_step']:8.0f} server CPU us/step "
                f"{figures['worker_cpu_us_per_step']:8.0f} worker CPU us/step",
                flush=True,
            )
    print(f"\n{args.workers} workers x {args.concurrency}, {args.tasks} diamond tasks, {args.in_flight} in flight")
    print("| workers | steps/s (median, min-max) | server CPU us/step (median) | worker CPU us/step (median) |")
    print("|---|---|---|---|")
    for kind, rounds in results.items():
        rates = [r["steps_per_second"] for r in rounds]
        server_cpu = statistics.median(r["server_cpu_us_per_step"] for r in rounds)
        worker_cpu = statistics.median(r["worker_cpu_us_per_step"] for r in rounds)
        print(
            f"| {kind} | {statistics.median(rates):.0f} ({min(rates):.0f}-{max(rates):.0f}) "
            f"| {server_cpu:,.0f} | {worker_cpu:,.0f} |"
        )
    if args.json:
        text = json.dumps({"settings": vars(args), "rounds": results}, indent=2) + "\n"
        await asyncio.to_thread(Path(args.json).write_text, text)


if __name__ == "__main__":
    asyncio.run(main())
