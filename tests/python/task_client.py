"""grpcio client for tasker.v1: unary and server-streaming RPCs.

Generates Python stubs from the repository's protos with grpcio-tools into a
temporary directory, then: registers a template (TemplateService), creates a
task (TaskService.CreateTask), watches it (TaskService.StreamTaskStatus, a
server stream), cancels it, and checks that the stream delivered the initial
state and ended after the terminal one. Exits non-zero on any mismatch.

The API key in the TASKER_API_KEY environment variable is sent as `x-api-key`
metadata on every call; first, a call without it must be refused with
UNAUTHENTICATED.

Usage: task_client.py HOST:PORT PROTO_DIR
"""

import glob
import importlib
import importlib.resources
import os
import sys
import tempfile
import threading

import grpc
from grpc_tools import protoc

TEMPLATE = """
namespace: python
name: watched
version: 1.0.0
steps:
  - {name: first, handler: nobody_serves_this}
"""


def generate(proto_dir: str, out: str) -> None:
    wkt = str(importlib.resources.files("grpc_tools") / "_proto")
    files = [os.path.relpath(p, proto_dir) for p in glob.glob(os.path.join(proto_dir, "tasker/v1/*.proto"))]
    files += [
        "tasker/gateway/v1/openapi.proto",
        "google/api/annotations.proto",
        "google/api/field_behavior.proto",
        "google/api/http.proto",
    ]
    args = ["protoc", f"-I{proto_dir}", f"-I{wkt}", f"--python_out={out}", f"--grpc_python_out={out}", *files]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")


def main() -> None:
    addr, proto_dir = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as out:
        generate(proto_dir, out)
        sys.path.insert(0, out)
        task_pb2 = importlib.import_module("tasker.v1.task_pb2")
        task_grpc = importlib.import_module("tasker.v1.task_pb2_grpc")
        template_pb2 = importlib.import_module("tasker.v1.template_pb2")
        template_grpc = importlib.import_module("tasker.v1.template_pb2_grpc")
        common_pb2 = importlib.import_module("tasker.v1.common_pb2")

        key = os.environ.get("TASKER_API_KEY", "")
        metadata = [("x-api-key", key)] if key else []
        with grpc.insecure_channel(addr) as channel:
            templates = template_grpc.TemplateServiceStub(channel)
            try:
                templates.RegisterTemplate(template_pb2.RegisterTemplateRequest(yaml=TEMPLATE), timeout=10)
                raise SystemExit("expected UNAUTHENTICATED without a credential")
            except grpc.RpcError as error:
                assert error.code() == grpc.StatusCode.UNAUTHENTICATED, error
            registered = templates.RegisterTemplate(template_pb2.RegisterTemplateRequest(yaml=TEMPLATE), timeout=10, metadata=metadata)
            assert registered.template.name == "watched", registered

            tasks = task_grpc.TaskServiceStub(channel)
            created = tasks.CreateTask(task_pb2.CreateTaskRequest(namespace="python", name="watched"), timeout=10, metadata=metadata).task
            assert created.state == common_pb2.TASK_STATE_STEPS_IN_PROCESS, created

            stream = tasks.StreamTaskStatus(task_pb2.StreamTaskStatusRequest(task_uuid=created.task_uuid), timeout=20, metadata=metadata)
            first = next(stream)
            assert first.task.state == common_pb2.TASK_STATE_STEPS_IN_PROCESS, first
            assert not first.terminal

            seen = []
            reader = threading.Thread(target=lambda: seen.extend(list(stream)))
            reader.start()
            tasks.CancelTask(task_pb2.CancelTaskRequest(task_uuid=created.task_uuid, reason="python test"), timeout=10, metadata=metadata)
            reader.join(timeout=15)
            assert not reader.is_alive(), "the stream did not end after the terminal state"
            assert seen and seen[-1].terminal, seen
            assert seen[-1].task.state == common_pb2.TASK_STATE_CANCELLED, seen[-1]
            assert seen[-1].previous_state == common_pb2.TASK_STATE_STEPS_IN_PROCESS, seen[-1]

            try:
                tasks.GetTask(task_pb2.GetTaskRequest(task_uuid="not-a-uuid"), timeout=10, metadata=metadata)
                raise SystemExit("expected INVALID_ARGUMENT")
            except grpc.RpcError as error:
                assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
    print("ok")


if __name__ == "__main__":
    main()
