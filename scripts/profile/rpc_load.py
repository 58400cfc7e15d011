"""Sends N calls of one RPC through one door on one connection, one after
another, for `scripts/profile/callgrind-rpc`.

Usage: rpc_load.py HOST:PORT grpc|rest|connect|web get|create N   (TASKER_API_KEY: the key)

`connect` is the Connect protocol's unary JSON POST, `web` gRPC-Web with
binary protobuf; both over HTTP/1.1 like `rest`.

The first call against a server registers a one-step template and creates
the task GetTask reads (remembered in a file under the system's temporary
directory, named by the address).
"""

import http.client
import json
import os
import struct
import sys
import tempfile

from tasker.v1 import task_pb2, task_pb2_grpc, template_pb2, template_pb2_grpc

import grpc

TEMPLATE = "namespace: bench\nname: one\nversion: 1.0.0\nsteps:\n  - {name: a, handler: nobody}\n"


def main() -> None:
    addr, door, op, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    key = os.environ["TASKER_API_KEY"]
    metadata = [("x-api-key", key)]
    channel = grpc.insecure_channel(addr)
    tasks = task_pb2_grpc.TaskServiceStub(channel)
    state = os.path.join(tempfile.gettempdir(), "tasker-rpc-load-" + addr.replace(":", "_"))
    if not os.path.exists(state):
        templates = template_pb2_grpc.TemplateServiceStub(channel)
        templates.RegisterTemplate(template_pb2.RegisterTemplateRequest(yaml=TEMPLATE), metadata=metadata)
        task = tasks.CreateTask(task_pb2.CreateTaskRequest(namespace="bench", name="one"), metadata=metadata).task
        with open(state, "w") as f:
            f.write(task.task_uuid)
    with open(state) as f:
        uuid = f.read()
    if door == "grpc":
        for _ in range(n):
            if op == "get":
                tasks.GetTask(task_pb2.GetTaskRequest(task_uuid=uuid), metadata=metadata)
            else:
                request = task_pb2.CreateTaskRequest(namespace="bench", name="one", idempotency_key=os.urandom(8).hex())
                tasks.CreateTask(request, metadata=metadata)
        return
    host, port = addr.split(":")
    connection = http.client.HTTPConnection(host, int(port))
    if door in ("connect", "web"):
        method = "GetTask" if op == "get" else "CreateTask"
        for _ in range(n):
            if op == "get":
                message = task_pb2.GetTaskRequest(task_uuid=uuid)
                fields = {"taskUuid": uuid}
            else:
                key_ = os.urandom(8).hex()
                message = task_pb2.CreateTaskRequest(namespace="bench", name="one", idempotency_key=key_)
                fields = {"namespace": "bench", "name": "one", "idempotencyKey": key_}
            if door == "connect":
                body = json.dumps(fields)
                headers = {"content-type": "application/json", "connect-protocol-version": "1"}
            else:
                payload = message.SerializeToString()
                body = struct.pack(">BI", 0, len(payload)) + payload
                headers = {"content-type": "application/grpc-web+proto", "x-grpc-web": "1"}
            headers["x-api-key"] = key
            connection.request("POST", f"/tasker.v1.TaskService/{method}", body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != 200 or (door == "web" and b"grpc-status:0" not in data.replace(b" ", b"")):
                raise SystemExit(f"{response.status}: {data!r}")
        return
    for _ in range(n):
        if op == "get":
            connection.request("GET", f"/v1/tasks/{uuid}", headers={"x-api-key": key})
        else:
            body = json.dumps({"namespace": "bench", "name": "one", "idempotencyKey": os.urandom(8).hex()})
            connection.request("POST", "/v1/tasks", body=body, headers={"x-api-key": key, "content-type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise SystemExit(f"{response.status}: {data!r}")


if __name__ == "__main__":
    main()
