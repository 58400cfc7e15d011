"""A small asyncio client of the orchestrator: templates and tasks.

The methods return the generated messages (:mod:`tasker_worker.pb`) and
raise ``grpc.aio.AioRpcError`` when a call fails; every other RPC is a call
on the generated stubs (``client.tasks``, ``client.steps``, ...) with
``metadata=client.metadata``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping
from types import TracebackType
from typing import Any

from tasker_worker import _channel, _convert
from tasker_worker._proto.tasker.v1 import (
    common_pb2,
    dlq_pb2_grpc,
    step_pb2_grpc,
    task_pb2,
    task_pb2_grpc,
    template_pb2,
    template_pb2_grpc,
)

_TERMINAL = frozenset(
    {
        common_pb2.TASK_STATE_COMPLETE,
        common_pb2.TASK_STATE_ERROR,
        common_pb2.TASK_STATE_CANCELLED,
        common_pb2.TASK_STATE_RESOLVED_MANUALLY,
    }
)


def is_terminal(state: int) -> bool:
    """Whether a task state is terminal (complete, error, cancelled,
    resolved manually)."""
    return state in _TERMINAL


class TaskerClient:
    """Creates, reads and watches tasks over gRPC.

    ::

        async with TaskerClient("http://127.0.0.1:9090", api_key="tk_...") as client:
            task = await client.create_task("shop", "order", context={"order_id": 7})
            done = await client.wait_for_task(task.task_uuid, timeout=60)

    ``endpoint`` defaults to ``TASKER_ENDPOINT`` and the credential to
    ``TASKER_API_KEY``; ``timeout`` (seconds) bounds each unary call.
    """

    def __init__(
        self,
        endpoint: str | None = None,
        *,
        api_key: str | None = None,
        bearer_token: str | None = None,
        timeout: float = 10.0,
        root_certificates: bytes | None = None,
    ) -> None:
        self.endpoint = _channel.resolve_endpoint(endpoint)
        self.metadata = _channel.credential_metadata(api_key, bearer_token)
        self.timeout = timeout
        self._channel = _channel.open_channel(self.endpoint, root_certificates)
        self.tasks = task_pb2_grpc.TaskServiceStub(self._channel)
        self.templates = template_pb2_grpc.TemplateServiceStub(self._channel)
        self.steps = step_pb2_grpc.StepServiceStub(self._channel)
        self.dlq = dlq_pb2_grpc.DlqServiceStub(self._channel)

    async def __aenter__(self) -> TaskerClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Closes the connection."""
        await self._channel.close()

    async def register_template(self, yaml: str) -> template_pb2.Template:
        """Registers a template from its YAML; returns it as stored."""
        response = await self.templates.RegisterTemplate(
            template_pb2.RegisterTemplateRequest(yaml=yaml), metadata=self.metadata, timeout=self.timeout
        )
        return response.template

    async def create_task(
        self,
        namespace: str,
        name: str,
        *,
        version: str = "",
        context: Mapping[str, Any] | None = None,
        idempotency_key: str = "",
        priority: int = 0,
        tags: Iterable[str] = (),
        initiator: str = "",
        reason: str = "",
        correlation_id: str = "",
    ) -> task_pb2.Task:
        """Creates a task of template ``namespace/name`` (its latest version
        unless ``version`` is given) with ``context`` as input."""
        request = task_pb2.CreateTaskRequest(
            namespace=namespace,
            name=name,
            version=version,
            idempotency_key=idempotency_key,
            priority=priority,
            tags=list(tags),
            initiator=initiator,
            reason=reason,
            correlation_id=correlation_id,
        )
        if context is not None:
            request.context.CopyFrom(_convert.dict_to_struct(context))
        response = await self.tasks.CreateTask(request, metadata=self.metadata, timeout=self.timeout)
        return response.task

    async def get_task(self, task_uuid: str) -> task_pb2.Task:
        """The task now."""
        response = await self.tasks.GetTask(
            task_pb2.GetTaskRequest(task_uuid=task_uuid), metadata=self.metadata, timeout=self.timeout
        )
        return response.task

    async def cancel_task(self, task_uuid: str, reason: str = "") -> task_pb2.Task:
        """Cancels a task; its running steps are told to stop."""
        response = await self.tasks.CancelTask(
            task_pb2.CancelTaskRequest(task_uuid=task_uuid, reason=reason),
            metadata=self.metadata,
            timeout=self.timeout,
        )
        return response.task

    async def watch_task(
        self, task_uuid: str, *, timeout: float | None = None
    ) -> AsyncIterator[task_pb2.StreamTaskStatusResponse]:
        """Every change of the task and its steps as it is committed, from its
        state now; ends after the message showing a terminal state."""
        call = self.tasks.StreamTaskStatus(
            task_pb2.StreamTaskStatusRequest(task_uuid=task_uuid), metadata=self.metadata, timeout=timeout
        )
        try:
            async for message in call:
                yield message
        finally:
            call.cancel()

    async def wait_for_task(self, task_uuid: str, *, timeout: float | None = None) -> task_pb2.Task:
        """Watches the task until it reaches a terminal state and returns it
        then (``DEADLINE_EXCEEDED`` after ``timeout`` seconds)."""
        last = None
        async for message in self.watch_task(task_uuid, timeout=timeout):
            last = message.task
            if message.terminal or is_terminal(message.task.state):
                return message.task
        return last if last is not None else await self.get_task(task_uuid)
