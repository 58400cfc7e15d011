import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from tasker_worker._proto.tasker.gateway.v1 import openapi_pb2 as _openapi_pb2
from tasker_worker._proto.tasker.v1 import common_pb2 as _common_pb2
from tasker_worker._proto.tasker.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TaskHealth(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TASK_HEALTH_UNSPECIFIED: _ClassVar[TaskHealth]
    TASK_HEALTH_HEALTHY: _ClassVar[TaskHealth]
    TASK_HEALTH_RECOVERING: _ClassVar[TaskHealth]
    TASK_HEALTH_WARNING: _ClassVar[TaskHealth]
    TASK_HEALTH_STALE: _ClassVar[TaskHealth]
    TASK_HEALTH_BLOCKED: _ClassVar[TaskHealth]
TASK_HEALTH_UNSPECIFIED: TaskHealth
TASK_HEALTH_HEALTHY: TaskHealth
TASK_HEALTH_RECOVERING: TaskHealth
TASK_HEALTH_WARNING: TaskHealth
TASK_HEALTH_STALE: TaskHealth
TASK_HEALTH_BLOCKED: TaskHealth

class StepCounts(_message.Message):
    __slots__ = ("total", "pending", "enqueued", "in_progress", "enqueued_for_orchestration", "enqueued_as_error_for_orchestration", "waiting_for_retry", "complete", "error", "cancelled", "resolved_manually")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    ENQUEUED_FIELD_NUMBER: _ClassVar[int]
    IN_PROGRESS_FIELD_NUMBER: _ClassVar[int]
    ENQUEUED_FOR_ORCHESTRATION_FIELD_NUMBER: _ClassVar[int]
    ENQUEUED_AS_ERROR_FOR_ORCHESTRATION_FIELD_NUMBER: _ClassVar[int]
    WAITING_FOR_RETRY_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_MANUALLY_FIELD_NUMBER: _ClassVar[int]
    total: int
    pending: int
    enqueued: int
    in_progress: int
    enqueued_for_orchestration: int
    enqueued_as_error_for_orchestration: int
    waiting_for_retry: int
    complete: int
    error: int
    cancelled: int
    resolved_manually: int
    def __init__(self, total: _Optional[int] = ..., pending: _Optional[int] = ..., enqueued: _Optional[int] = ..., in_progress: _Optional[int] = ..., enqueued_for_orchestration: _Optional[int] = ..., enqueued_as_error_for_orchestration: _Optional[int] = ..., waiting_for_retry: _Optional[int] = ..., complete: _Optional[int] = ..., error: _Optional[int] = ..., cancelled: _Optional[int] = ..., resolved_manually: _Optional[int] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("task_uuid", "namespace", "name", "version", "state", "context", "correlation_id", "parent_correlation_id", "initiator", "source_system", "reason", "priority", "tags", "idempotency_key", "step_counts", "completion_percentage", "health", "created_by", "created_at", "updated_at", "completed_at")
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    STEP_COUNTS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    HEALTH_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    namespace: str
    name: str
    version: str
    state: _common_pb2.TaskState
    context: _struct_pb2.Struct
    correlation_id: str
    parent_correlation_id: str
    initiator: str
    source_system: str
    reason: str
    priority: int
    tags: _containers.RepeatedScalarFieldContainer[str]
    idempotency_key: str
    step_counts: StepCounts
    completion_percentage: float
    health: TaskHealth
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    def __init__(self, task_uuid: _Optional[str] = ..., namespace: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[str] = ..., state: _Optional[_Union[_common_pb2.TaskState, str]] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., correlation_id: _Optional[str] = ..., parent_correlation_id: _Optional[str] = ..., initiator: _Optional[str] = ..., source_system: _Optional[str] = ..., reason: _Optional[str] = ..., priority: _Optional[int] = ..., tags: _Optional[_Iterable[str]] = ..., idempotency_key: _Optional[str] = ..., step_counts: _Optional[_Union[StepCounts, _Mapping]] = ..., completion_percentage: _Optional[float] = ..., health: _Optional[_Union[TaskHealth, str]] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateTaskRequest(_message.Message):
    __slots__ = ("namespace", "name", "version", "context", "initiator", "source_system", "reason", "priority", "tags", "correlation_id", "parent_correlation_id", "idempotency_key")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    name: str
    version: str
    context: _struct_pb2.Struct
    initiator: str
    source_system: str
    reason: str
    priority: int
    tags: _containers.RepeatedScalarFieldContainer[str]
    correlation_id: str
    parent_correlation_id: str
    idempotency_key: str
    def __init__(self, namespace: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[str] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., initiator: _Optional[str] = ..., source_system: _Optional[str] = ..., reason: _Optional[str] = ..., priority: _Optional[int] = ..., tags: _Optional[_Iterable[str]] = ..., correlation_id: _Optional[str] = ..., parent_correlation_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CreateTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class GetTaskRequest(_message.Message):
    __slots__ = ("task_uuid",)
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    def __init__(self, task_uuid: _Optional[str] = ...) -> None: ...

class GetTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class ListTasksRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "namespace", "name", "states", "created_after", "created_before", "tags", "correlation_id")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    CREATED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    namespace: str
    name: str
    states: _containers.RepeatedScalarFieldContainer[_common_pb2.TaskState]
    created_after: _timestamp_pb2.Timestamp
    created_before: _timestamp_pb2.Timestamp
    tags: _containers.RepeatedScalarFieldContainer[str]
    correlation_id: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., namespace: _Optional[str] = ..., name: _Optional[str] = ..., states: _Optional[_Iterable[_Union[_common_pb2.TaskState, str]]] = ..., created_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tags: _Optional[_Iterable[str]] = ..., correlation_id: _Optional[str] = ...) -> None: ...

class ListTasksResponse(_message.Message):
    __slots__ = ("tasks", "next_page_token")
    TASKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    next_page_token: str
    def __init__(self, tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CountTasksRequest(_message.Message):
    __slots__ = ("namespace", "name", "states", "created_after", "created_before", "tags", "correlation_id")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    CREATED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    name: str
    states: _containers.RepeatedScalarFieldContainer[_common_pb2.TaskState]
    created_after: _timestamp_pb2.Timestamp
    created_before: _timestamp_pb2.Timestamp
    tags: _containers.RepeatedScalarFieldContainer[str]
    correlation_id: str
    def __init__(self, namespace: _Optional[str] = ..., name: _Optional[str] = ..., states: _Optional[_Iterable[_Union[_common_pb2.TaskState, str]]] = ..., created_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tags: _Optional[_Iterable[str]] = ..., correlation_id: _Optional[str] = ...) -> None: ...

class TaskStateCount(_message.Message):
    __slots__ = ("state", "count")
    STATE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    state: _common_pb2.TaskState
    count: int
    def __init__(self, state: _Optional[_Union[_common_pb2.TaskState, str]] = ..., count: _Optional[int] = ...) -> None: ...

class CountTasksResponse(_message.Message):
    __slots__ = ("total", "counts")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    total: int
    counts: _containers.RepeatedCompositeFieldContainer[TaskStateCount]
    def __init__(self, total: _Optional[int] = ..., counts: _Optional[_Iterable[_Union[TaskStateCount, _Mapping]]] = ...) -> None: ...

class CancelTaskRequest(_message.Message):
    __slots__ = ("task_uuid", "reason")
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    reason: str
    def __init__(self, task_uuid: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class GetTaskContextRequest(_message.Message):
    __slots__ = ("task_uuid",)
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    def __init__(self, task_uuid: _Optional[str] = ...) -> None: ...

class GetTaskContextResponse(_message.Message):
    __slots__ = ("task_uuid", "context", "step_results")
    class StepResultsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Struct
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    STEP_RESULTS_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    context: _struct_pb2.Struct
    step_results: _containers.MessageMap[str, _struct_pb2.Struct]
    def __init__(self, task_uuid: _Optional[str] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., step_results: _Optional[_Mapping[str, _struct_pb2.Struct]] = ...) -> None: ...

class StreamTaskStatusRequest(_message.Message):
    __slots__ = ("task_uuid",)
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    def __init__(self, task_uuid: _Optional[str] = ...) -> None: ...

class StepStateChange(_message.Message):
    __slots__ = ("step_uuid", "step_name", "from_state", "to_state")
    STEP_UUID_FIELD_NUMBER: _ClassVar[int]
    STEP_NAME_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    step_uuid: str
    step_name: str
    from_state: _common_pb2.StepState
    to_state: _common_pb2.StepState
    def __init__(self, step_uuid: _Optional[str] = ..., step_name: _Optional[str] = ..., from_state: _Optional[_Union[_common_pb2.StepState, str]] = ..., to_state: _Optional[_Union[_common_pb2.StepState, str]] = ...) -> None: ...

class StreamTaskStatusResponse(_message.Message):
    __slots__ = ("task", "previous_state", "step_change", "occurred_at", "terminal")
    TASK_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    STEP_CHANGE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    TERMINAL_FIELD_NUMBER: _ClassVar[int]
    task: Task
    previous_state: _common_pb2.TaskState
    step_change: StepStateChange
    occurred_at: _timestamp_pb2.Timestamp
    terminal: bool
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ..., previous_state: _Optional[_Union[_common_pb2.TaskState, str]] = ..., step_change: _Optional[_Union[StepStateChange, _Mapping]] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., terminal: _Optional[bool] = ...) -> None: ...
