import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import duration_pb2 as _duration_pb2
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

class ManualResolutionAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MANUAL_RESOLUTION_ACTION_UNSPECIFIED: _ClassVar[ManualResolutionAction]
    MANUAL_RESOLUTION_ACTION_RESET_FOR_RETRY: _ClassVar[ManualResolutionAction]
    MANUAL_RESOLUTION_ACTION_RESOLVE_MANUALLY: _ClassVar[ManualResolutionAction]
    MANUAL_RESOLUTION_ACTION_COMPLETE_MANUALLY: _ClassVar[ManualResolutionAction]
MANUAL_RESOLUTION_ACTION_UNSPECIFIED: ManualResolutionAction
MANUAL_RESOLUTION_ACTION_RESET_FOR_RETRY: ManualResolutionAction
MANUAL_RESOLUTION_ACTION_RESOLVE_MANUALLY: ManualResolutionAction
MANUAL_RESOLUTION_ACTION_COMPLETE_MANUALLY: ManualResolutionAction

class Step(_message.Message):
    __slots__ = ("step_uuid", "task_uuid", "name", "handler", "state", "depends_on", "attempts", "max_attempts", "retryable", "next_retry_at", "last_error", "results", "handler_config", "timeout", "worker_uuid", "lease_expires_at", "created_at", "updated_at", "last_attempted_at", "completed_at")
    STEP_UUID_FIELD_NUMBER: _ClassVar[int]
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DEPENDS_ON_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    RETRYABLE_FIELD_NUMBER: _ClassVar[int]
    NEXT_RETRY_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    HANDLER_CONFIG_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ATTEMPTED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    step_uuid: str
    task_uuid: str
    name: str
    handler: str
    state: _common_pb2.StepState
    depends_on: _containers.RepeatedScalarFieldContainer[str]
    attempts: int
    max_attempts: int
    retryable: bool
    next_retry_at: _timestamp_pb2.Timestamp
    last_error: _common_pb2.StepError
    results: _struct_pb2.Struct
    handler_config: _struct_pb2.Struct
    timeout: _duration_pb2.Duration
    worker_uuid: str
    lease_expires_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    last_attempted_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    def __init__(self, step_uuid: _Optional[str] = ..., task_uuid: _Optional[str] = ..., name: _Optional[str] = ..., handler: _Optional[str] = ..., state: _Optional[_Union[_common_pb2.StepState, str]] = ..., depends_on: _Optional[_Iterable[str]] = ..., attempts: _Optional[int] = ..., max_attempts: _Optional[int] = ..., retryable: _Optional[bool] = ..., next_retry_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_error: _Optional[_Union[_common_pb2.StepError, _Mapping]] = ..., results: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., handler_config: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., worker_uuid: _Optional[str] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_attempted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StepAuditRecord(_message.Message):
    __slots__ = ("transition_uuid", "step_uuid", "task_uuid", "from_state", "to_state", "event", "performed_by", "worker_uuid", "attempt", "execution_duration", "results", "error", "reason", "occurred_at")
    TRANSITION_UUID_FIELD_NUMBER: _ClassVar[int]
    STEP_UUID_FIELD_NUMBER: _ClassVar[int]
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    PERFORMED_BY_FIELD_NUMBER: _ClassVar[int]
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_DURATION_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    transition_uuid: str
    step_uuid: str
    task_uuid: str
    from_state: _common_pb2.StepState
    to_state: _common_pb2.StepState
    event: str
    performed_by: str
    worker_uuid: str
    attempt: int
    execution_duration: _duration_pb2.Duration
    results: _struct_pb2.Struct
    error: _common_pb2.StepError
    reason: str
    occurred_at: _timestamp_pb2.Timestamp
    def __init__(self, transition_uuid: _Optional[str] = ..., step_uuid: _Optional[str] = ..., task_uuid: _Optional[str] = ..., from_state: _Optional[_Union[_common_pb2.StepState, str]] = ..., to_state: _Optional[_Union[_common_pb2.StepState, str]] = ..., event: _Optional[str] = ..., performed_by: _Optional[str] = ..., worker_uuid: _Optional[str] = ..., attempt: _Optional[int] = ..., execution_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., results: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., error: _Optional[_Union[_common_pb2.StepError, _Mapping]] = ..., reason: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListStepsRequest(_message.Message):
    __slots__ = ("task_uuid", "page_size", "page_token", "states")
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    page_size: int
    page_token: str
    states: _containers.RepeatedScalarFieldContainer[_common_pb2.StepState]
    def __init__(self, task_uuid: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., states: _Optional[_Iterable[_Union[_common_pb2.StepState, str]]] = ...) -> None: ...

class ListStepsResponse(_message.Message):
    __slots__ = ("steps", "next_page_token")
    STEPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    steps: _containers.RepeatedCompositeFieldContainer[Step]
    next_page_token: str
    def __init__(self, steps: _Optional[_Iterable[_Union[Step, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetStepRequest(_message.Message):
    __slots__ = ("task_uuid", "step_uuid")
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    STEP_UUID_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    step_uuid: str
    def __init__(self, task_uuid: _Optional[str] = ..., step_uuid: _Optional[str] = ...) -> None: ...

class GetStepResponse(_message.Message):
    __slots__ = ("step",)
    STEP_FIELD_NUMBER: _ClassVar[int]
    step: Step
    def __init__(self, step: _Optional[_Union[Step, _Mapping]] = ...) -> None: ...

class ResolveStepRequest(_message.Message):
    __slots__ = ("task_uuid", "step_uuid", "action", "performed_by", "reason", "results")
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    STEP_UUID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    PERFORMED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    step_uuid: str
    action: ManualResolutionAction
    performed_by: str
    reason: str
    results: _struct_pb2.Struct
    def __init__(self, task_uuid: _Optional[str] = ..., step_uuid: _Optional[str] = ..., action: _Optional[_Union[ManualResolutionAction, str]] = ..., performed_by: _Optional[str] = ..., reason: _Optional[str] = ..., results: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ResolveStepResponse(_message.Message):
    __slots__ = ("step", "task_state")
    STEP_FIELD_NUMBER: _ClassVar[int]
    TASK_STATE_FIELD_NUMBER: _ClassVar[int]
    step: Step
    task_state: _common_pb2.TaskState
    def __init__(self, step: _Optional[_Union[Step, _Mapping]] = ..., task_state: _Optional[_Union[_common_pb2.TaskState, str]] = ...) -> None: ...

class GetStepAuditRequest(_message.Message):
    __slots__ = ("task_uuid", "step_uuid", "page_size", "page_token")
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    STEP_UUID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    step_uuid: str
    page_size: int
    page_token: str
    def __init__(self, task_uuid: _Optional[str] = ..., step_uuid: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetStepAuditResponse(_message.Message):
    __slots__ = ("records", "next_page_token")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[StepAuditRecord]
    next_page_token: str
    def __init__(self, records: _Optional[_Iterable[_Union[StepAuditRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
