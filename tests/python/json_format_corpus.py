"""Reference proto3 JSON for a corpus of binary messages, from protobuf's own
google.protobuf.json_format.

Usage: json_format_corpus.py PROTO_FILE MESSAGE_TYPE CORPUS_DIR INCLUDE_DIR...

Compiles PROTO_FILE with grpcio-tools into a temporary directory, then, for
every CORPUS_DIR/<n>.bin (a serialized MESSAGE_TYPE), prints one JSON line:
{"name": "<n>", "camel": <MessageToJson output>, "proto_names": <output with
preserving_proto_field_name=True>}.
"""

import importlib
import importlib.resources
import json
import os
import sys
import tempfile

from google.protobuf import json_format
from google.protobuf import symbol_database
from grpc_tools import protoc


def main() -> None:
    proto_file, message_type, corpus_dir, *includes = sys.argv[1:]
    wkt = str(importlib.resources.files("grpc_tools") / "_proto")
    with tempfile.TemporaryDirectory() as out:
        args = ["protoc", *[f"-I{i}" for i in includes], f"-I{wkt}", f"--python_out={out}"]
        deps = ["google/api/annotations.proto", "google/api/http.proto", "google/rpc/status.proto", "google/rpc/error_details.proto"]
        if protoc.main([*args, proto_file, *deps]) != 0:
            raise SystemExit("protoc failed")
        sys.path.insert(0, out)
        module = proto_file[: -len(".proto")].replace("/", ".") + "_pb2"
        importlib.import_module(module)
        for dep in deps:
            importlib.import_module(dep[: -len(".proto")].replace("/", ".") + "_pb2")
        cls = symbol_database.Default().GetSymbol(message_type)
        for name in sorted(os.listdir(corpus_dir)):
            if not name.endswith(".bin"):
                continue
            message = cls()
            with open(os.path.join(corpus_dir, name), "rb") as f:
                message.ParseFromString(f.read())
            print(json.dumps({
                "name": name[:-4],
                "camel": json.loads(json_format.MessageToJson(message)),
                "proto_names": json.loads(json_format.MessageToJson(message, preserving_proto_field_name=True)),
            }))


if __name__ == "__main__":
    main()
