"""The generated protobuf and gRPC modules of ``tasker.v1``, for typed requests.

They are generated from the repository's ``proto/`` with ``grpcio-tools``
(never written by hand) and live under ``tasker_worker._proto``; this module
names them where users look::

    from tasker_worker.pb import task_pb2, common_pb2

    if task.state == common_pb2.TASK_STATE_COMPLETE: ...
"""

from tasker_worker._proto.tasker.v1 import (
    analytics_pb2,
    analytics_pb2_grpc,
    auth_pb2,
    auth_pb2_grpc,
    common_pb2,
    config_pb2,
    config_pb2_grpc,
    dlq_pb2,
    dlq_pb2_grpc,
    health_pb2,
    health_pb2_grpc,
    step_pb2,
    step_pb2_grpc,
    task_pb2,
    task_pb2_grpc,
    template_pb2,
    template_pb2_grpc,
    worker_pb2,
    worker_pb2_grpc,
)

__all__ = [
    "analytics_pb2",
    "analytics_pb2_grpc",
    "auth_pb2",
    "auth_pb2_grpc",
    "common_pb2",
    "config_pb2",
    "config_pb2_grpc",
    "dlq_pb2",
    "dlq_pb2_grpc",
    "health_pb2",
    "health_pb2_grpc",
    "step_pb2",
    "step_pb2_grpc",
    "task_pb2",
    "task_pb2_grpc",
    "template_pb2",
    "template_pb2_grpc",
    "worker_pb2",
    "worker_pb2_grpc",
]
