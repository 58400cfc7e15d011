"""grpcio client for the Tasker health services.

Generates Python stubs from the repository's protos with grpcio-tools into a
temporary directory, then calls tasker.v1.HealthService and
grpc.health.v1.Health over the network. Exits non-zero on any mismatch.

Usage: health_client.py HOST:PORT PROTO_DIR
"""

import importlib
import sys
import tempfile

import grpc
from grpc_tools import protoc
import importlib.resources


def generate(proto_dir: str, out: str) -> None:
    wkt = str(importlib.resources.files("grpc_tools") / "_proto")
    files = [
        "tasker/v1/options.proto",
        "tasker/v1/common.proto",
        "tasker/v1/health.proto",
        "tasker/gateway/v1/openapi.proto",
        "google/api/annotations.proto",
        "google/api/http.proto",
    ]
    code = protoc.main(
        ["protoc", f"-I{proto_dir}", f"-I{wkt}", f"--python_out={out}", f"--grpc_python_out={out}", *files]
    )
    if code != 0:
        raise SystemExit(f"protoc failed with {code}")


def main() -> None:
    addr, proto_dir = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as out:
        generate(proto_dir, out)
        sys.path.insert(0, out)
        health_pb2 = importlib.import_module("tasker.v1.health_pb2")
        health_pb2_grpc = importlib.import_module("tasker.v1.health_pb2_grpc")
        common_pb2 = importlib.import_module("tasker.v1.common_pb2")

        with grpc.insecure_channel(addr) as channel:
            stub = health_pb2_grpc.HealthServiceStub(channel)
            check = stub.Check(health_pb2.CheckRequest(), timeout=10)
            assert check.status == common_pb2.HEALTH_STATUS_HEALTHY, check
            assert check.checked_at.seconds > 0, check
            ready = stub.Readiness(health_pb2.ReadinessRequest(), timeout=10)
            assert ready.ready, ready
            assert any(c.name == "database" for c in ready.checks), ready

            # The standard health protocol, through a generic call.
            from grpc_health.v1 import health_pb2 as std_pb2, health_pb2_grpc as std_grpc  # noqa: E402

            std = std_grpc.HealthStub(channel).Check(std_pb2.HealthCheckRequest(service=""), timeout=10)
            assert std.status == std_pb2.HealthCheckResponse.SERVING, std
    print("ok")


if __name__ == "__main__":
    main()
