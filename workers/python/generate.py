"""Regenerates the SDK's protobuf and gRPC stubs from the repository's protos.

Run from the repository's root (``scripts/make generate`` does) with the
pinned ``grpcio-tools``. Writes ``src/tasker_worker/_proto/``, which is
committed and drift-checked by ``scripts/make gen-check``: messages, services
and type stubs of ``tasker.v1``, ``tasker.worker.v1`` (a worker port's own
API) and ``tasker.gateway.v1`` (which both import for their OpenAPI options). The vendored ``google.api`` and
``google.rpc`` protos are not generated: they are the ones
``googleapis-common-protos`` ships, a dependency of the package.

protoc writes imports as ``from tasker.v1 import ...``; they are rewritten to
``from tasker_worker._proto.tasker.v1 import ...`` so that the stubs live
inside the package instead of claiming the top-level name ``tasker``.
"""

from __future__ import annotations

import importlib.resources
import re
import shutil
import sys
import tempfile
from pathlib import Path

from grpc_tools import protoc

ROOT = Path.cwd()
PROTO = ROOT / "proto"
OUT = ROOT / "workers/python/src/tasker_worker/_proto"
PACKAGE = "tasker_worker._proto"
IMPORT = re.compile(r"^(from|import) tasker\.", re.MULTILINE)
HEADER = '"""Generated from proto/ by workers/python/generate.py; never edit by hand."""\n'


def main() -> int:
    if not (PROTO / "tasker/v1").is_dir():
        print("run from the repository's root", file=sys.stderr)
        return 2
    files = sorted(p.relative_to(PROTO).as_posix() for p in (PROTO / "tasker").rglob("*.proto"))
    wkt = str(importlib.resources.files("grpc_tools") / "_proto")
    with tempfile.TemporaryDirectory() as tmp:
        args = [
            "grpc_tools.protoc",
            f"-I{PROTO}",
            f"-I{wkt}",
            f"--python_out={tmp}",
            f"--pyi_out={tmp}",
            f"--grpc_python_out={tmp}",
            *files,
        ]
        if protoc.main(args) != 0:
            print("protoc failed", file=sys.stderr)
            return 1
        generated = Path(tmp)
        for path in sorted(generated.rglob("*_pb2_grpc.py")):
            # Files without services get an empty gRPC module; leave it out.
            if "class " not in path.read_text():
                path.unlink()
        for path in sorted(generated.rglob("*.py*")):
            path.write_text(IMPORT.sub(rf"\1 {PACKAGE}.tasker.", path.read_text()))
        for directory in [generated, *sorted(p for p in generated.rglob("*") if p.is_dir())]:
            (directory / "__init__.py").write_text(HEADER)
        if OUT.exists():
            shutil.rmtree(OUT)
        shutil.copytree(generated, OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
