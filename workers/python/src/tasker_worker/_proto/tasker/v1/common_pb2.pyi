import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TaskState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TASK_STATE_UNSPECIFIED: _ClassVar[TaskState]
    TASK_STATE_PENDING: _ClassVar[TaskState]
    TASK_STATE_INITIALIZING: _ClassVar[TaskState]
    TASK_STATE_ENQUEUING_STEPS: _ClassVar[TaskState]
    TASK_STATE_STEPS_IN_PROCESS: _ClassVar[TaskState]
    TASK_STATE_EVALUATING_RESULTS: _ClassVar[TaskState]
    TASK_STATE_WAITING_FOR_DEPENDENCIES: _ClassVar[TaskState]
    TASK_STATE_WAITING_FOR_RETRY: _ClassVar[TaskState]
    TASK_STATE_BLOCKED_BY_FAILURES: _ClassVar[TaskState]
    TASK_STATE_COMPLETE: _ClassVar[TaskState]
    TASK_STATE_ERROR: _ClassVar[TaskState]
    TASK_STATE_CANCELLED: _ClassVar[TaskState]
    TASK_STATE_RESOLVED_MANUALLY: _ClassVar[TaskState]

class StepState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_STATE_UNSPECIFIED: _ClassVar[StepState]
    STEP_STATE_PENDING: _ClassVar[StepState]
    STEP_STATE_ENQUEUED: _ClassVar[StepState]
    STEP_STATE_IN_PROGRESS: _ClassVar[StepState]
    STEP_STATE_ENQUEUED_FOR_ORCHESTRATION: _ClassVar[StepState]
    STEP_STATE_ENQUEUED_AS_ERROR_FOR_ORCHESTRATION: _ClassVar[StepState]
    STEP_STATE_WAITING_FOR_RETRY: _ClassVar[StepState]
    STEP_STATE_COMPLETE: _ClassVar[StepState]
    STEP_STATE_ERROR: _ClassVar[StepState]
    STEP_STATE_CANCELLED: _ClassVar[StepState]
    STEP_STATE_RESOLVED_MANUALLY: _ClassVar[StepState]

class HealthStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HEALTH_STATUS_UNSPECIFIED: _ClassVar[HealthStatus]
    HEALTH_STATUS_HEALTHY: _ClassVar[HealthStatus]
    HEALTH_STATUS_DEGRADED: _ClassVar[HealthStatus]
    HEALTH_STATUS_UNHEALTHY: _ClassVar[HealthStatus]
TASK_STATE_UNSPECIFIED: TaskState
TASK_STATE_PENDING: TaskState
TASK_STATE_INITIALIZING: TaskState
TASK_STATE_ENQUEUING_STEPS: TaskState
TASK_STATE_STEPS_IN_PROCESS: TaskState
TASK_STATE_EVALUATING_RESULTS: TaskState
TASK_STATE_WAITING_FOR_DEPENDENCIES: TaskState
TASK_STATE_WAITING_FOR_RETRY: TaskState
TASK_STATE_BLOCKED_BY_FAILURES: TaskState
TASK_STATE_COMPLETE: TaskState
TASK_STATE_ERROR: TaskState
TASK_STATE_CANCELLED: TaskState
TASK_STATE_RESOLVED_MANUALLY: TaskState
STEP_STATE_UNSPECIFIED: StepState
STEP_STATE_PENDING: StepState
STEP_STATE_ENQUEUED: StepState
STEP_STATE_IN_PROGRESS: StepState
STEP_STATE_ENQUEUED_FOR_ORCHESTRATION: StepState
STEP_STATE_ENQUEUED_AS_ERROR_FOR_ORCHESTRATION: StepState
STEP_STATE_WAITING_FOR_RETRY: StepState
STEP_STATE_COMPLETE: StepState
STEP_STATE_ERROR: StepState
STEP_STATE_CANCELLED: StepState
STEP_STATE_RESOLVED_MANUALLY: StepState
HEALTH_STATUS_UNSPECIFIED: HealthStatus
HEALTH_STATUS_HEALTHY: HealthStatus
HEALTH_STATUS_DEGRADED: HealthStatus
HEALTH_STATUS_UNHEALTHY: HealthStatus

class StepError(_message.Message):
    __slots__ = ("message", "error_class", "retryable", "details")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ERROR_CLASS_FIELD_NUMBER: _ClassVar[int]
    RETRYABLE_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    message: str
    error_class: str
    retryable: bool
    details: _struct_pb2.Struct
    def __init__(self, message: _Optional[str] = ..., error_class: _Optional[str] = ..., retryable: _Optional[bool] = ..., details: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ComponentHealth(_message.Message):
    __slots__ = ("name", "status", "message", "latency", "details")
    class DetailsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    name: str
    status: HealthStatus
    message: str
    latency: _duration_pb2.Duration
    details: _containers.ScalarMap[str, str]
    def __init__(self, name: _Optional[str] = ..., status: _Optional[_Union[HealthStatus, str]] = ..., message: _Optional[str] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., details: _Optional[_Mapping[str, str]] = ...) -> None: ...
