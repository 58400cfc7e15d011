import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from tasker_worker._proto.tasker.gateway.v1 import openapi_pb2 as _openapi_pb2
from tasker_worker._proto.tasker.v1 import common_pb2 as _common_pb2
from tasker_worker._proto.tasker.v1 import options_pb2 as _options_pb2
from tasker_worker._proto.tasker.v1 import step_pb2 as _step_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Worker(_message.Message):
    __slots__ = ("worker_uuid", "name", "namespaces", "handlers", "max_concurrency", "version", "registered_at", "last_seen_at")
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NAMESPACES_FIELD_NUMBER: _ClassVar[int]
    HANDLERS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_AT_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    name: str
    namespaces: _containers.RepeatedScalarFieldContainer[str]
    handlers: _containers.RepeatedScalarFieldContainer[str]
    max_concurrency: int
    version: str
    registered_at: _timestamp_pb2.Timestamp
    last_seen_at: _timestamp_pb2.Timestamp
    def __init__(self, worker_uuid: _Optional[str] = ..., name: _Optional[str] = ..., namespaces: _Optional[_Iterable[str]] = ..., handlers: _Optional[_Iterable[str]] = ..., max_concurrency: _Optional[int] = ..., version: _Optional[str] = ..., registered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_seen_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ClaimedStep(_message.Message):
    __slots__ = ("claim_uuid", "step", "namespace", "task_name", "task_version", "task_context", "dependency_results", "attempt", "lease_expires_at", "traceparent")
    class DependencyResultsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Struct
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
    CLAIM_UUID_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    TASK_NAME_FIELD_NUMBER: _ClassVar[int]
    TASK_VERSION_FIELD_NUMBER: _ClassVar[int]
    TASK_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    DEPENDENCY_RESULTS_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    TRACEPARENT_FIELD_NUMBER: _ClassVar[int]
    claim_uuid: str
    step: _step_pb2.Step
    namespace: str
    task_name: str
    task_version: str
    task_context: _struct_pb2.Struct
    dependency_results: _containers.MessageMap[str, _struct_pb2.Struct]
    attempt: int
    lease_expires_at: _timestamp_pb2.Timestamp
    traceparent: str
    def __init__(self, claim_uuid: _Optional[str] = ..., step: _Optional[_Union[_step_pb2.Step, _Mapping]] = ..., namespace: _Optional[str] = ..., task_name: _Optional[str] = ..., task_version: _Optional[str] = ..., task_context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., dependency_results: _Optional[_Mapping[str, _struct_pb2.Struct]] = ..., attempt: _Optional[int] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., traceparent: _Optional[str] = ...) -> None: ...

class RegisterWorkerRequest(_message.Message):
    __slots__ = ("name", "namespaces", "handlers", "max_concurrency", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    NAMESPACES_FIELD_NUMBER: _ClassVar[int]
    HANDLERS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    namespaces: _containers.RepeatedScalarFieldContainer[str]
    handlers: _containers.RepeatedScalarFieldContainer[str]
    max_concurrency: int
    version: str
    def __init__(self, name: _Optional[str] = ..., namespaces: _Optional[_Iterable[str]] = ..., handlers: _Optional[_Iterable[str]] = ..., max_concurrency: _Optional[int] = ..., version: _Optional[str] = ...) -> None: ...

class RegisterWorkerResponse(_message.Message):
    __slots__ = ("worker", "lease_duration", "heartbeat_interval")
    WORKER_FIELD_NUMBER: _ClassVar[int]
    LEASE_DURATION_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    worker: Worker
    lease_duration: _duration_pb2.Duration
    heartbeat_interval: _duration_pb2.Duration
    def __init__(self, worker: _Optional[_Union[Worker, _Mapping]] = ..., lease_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., heartbeat_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class DeregisterWorkerRequest(_message.Message):
    __slots__ = ("worker_uuid",)
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    def __init__(self, worker_uuid: _Optional[str] = ...) -> None: ...

class DeregisterWorkerResponse(_message.Message):
    __slots__ = ("released_claims",)
    RELEASED_CLAIMS_FIELD_NUMBER: _ClassVar[int]
    released_claims: int
    def __init__(self, released_claims: _Optional[int] = ...) -> None: ...

class ClaimStepsRequest(_message.Message):
    __slots__ = ("worker_uuid", "max_steps", "wait_timeout")
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    MAX_STEPS_FIELD_NUMBER: _ClassVar[int]
    WAIT_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    max_steps: int
    wait_timeout: _duration_pb2.Duration
    def __init__(self, worker_uuid: _Optional[str] = ..., max_steps: _Optional[int] = ..., wait_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ClaimStepsResponse(_message.Message):
    __slots__ = ("steps",)
    STEPS_FIELD_NUMBER: _ClassVar[int]
    steps: _containers.RepeatedCompositeFieldContainer[ClaimedStep]
    def __init__(self, steps: _Optional[_Iterable[_Union[ClaimedStep, _Mapping]]] = ...) -> None: ...

class HeartbeatRequest(_message.Message):
    __slots__ = ("worker_uuid", "claim_uuids")
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    CLAIM_UUIDS_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    claim_uuids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, worker_uuid: _Optional[str] = ..., claim_uuids: _Optional[_Iterable[str]] = ...) -> None: ...

class LeaseStatus(_message.Message):
    __slots__ = ("claim_uuid", "held", "lease_expires_at", "reason")
    CLAIM_UUID_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    claim_uuid: str
    held: bool
    lease_expires_at: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, claim_uuid: _Optional[str] = ..., held: _Optional[bool] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class WatchClaimsRequest(_message.Message):
    __slots__ = ("worker_uuid",)
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    def __init__(self, worker_uuid: _Optional[str] = ...) -> None: ...

class WatchClaimsResponse(_message.Message):
    __slots__ = ("lease",)
    LEASE_FIELD_NUMBER: _ClassVar[int]
    lease: LeaseStatus
    def __init__(self, lease: _Optional[_Union[LeaseStatus, _Mapping]] = ...) -> None: ...

class HeartbeatResponse(_message.Message):
    __slots__ = ("leases",)
    LEASES_FIELD_NUMBER: _ClassVar[int]
    leases: _containers.RepeatedCompositeFieldContainer[LeaseStatus]
    def __init__(self, leases: _Optional[_Iterable[_Union[LeaseStatus, _Mapping]]] = ...) -> None: ...

class CompleteStepRequest(_message.Message):
    __slots__ = ("worker_uuid", "claim_uuid", "results", "execution_duration")
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    CLAIM_UUID_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_DURATION_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    claim_uuid: str
    results: _struct_pb2.Struct
    execution_duration: _duration_pb2.Duration
    def __init__(self, worker_uuid: _Optional[str] = ..., claim_uuid: _Optional[str] = ..., results: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., execution_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class CompleteStepResponse(_message.Message):
    __slots__ = ("step",)
    STEP_FIELD_NUMBER: _ClassVar[int]
    step: _step_pb2.Step
    def __init__(self, step: _Optional[_Union[_step_pb2.Step, _Mapping]] = ...) -> None: ...

class FailStepRequest(_message.Message):
    __slots__ = ("worker_uuid", "claim_uuid", "error", "execution_duration", "retry_after")
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    CLAIM_UUID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_DURATION_FIELD_NUMBER: _ClassVar[int]
    RETRY_AFTER_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    claim_uuid: str
    error: _common_pb2.StepError
    execution_duration: _duration_pb2.Duration
    retry_after: _duration_pb2.Duration
    def __init__(self, worker_uuid: _Optional[str] = ..., claim_uuid: _Optional[str] = ..., error: _Optional[_Union[_common_pb2.StepError, _Mapping]] = ..., execution_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., retry_after: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class FailStepResponse(_message.Message):
    __slots__ = ("step", "will_retry", "next_retry_at")
    STEP_FIELD_NUMBER: _ClassVar[int]
    WILL_RETRY_FIELD_NUMBER: _ClassVar[int]
    NEXT_RETRY_AT_FIELD_NUMBER: _ClassVar[int]
    step: _step_pb2.Step
    will_retry: bool
    next_retry_at: _timestamp_pb2.Timestamp
    def __init__(self, step: _Optional[_Union[_step_pb2.Step, _Mapping]] = ..., will_retry: _Optional[bool] = ..., next_retry_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReportResultsRequest(_message.Message):
    __slots__ = ("worker_uuid", "reports", "claim_max_steps")
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    CLAIM_MAX_STEPS_FIELD_NUMBER: _ClassVar[int]
    worker_uuid: str
    reports: _containers.RepeatedCompositeFieldContainer[StepReport]
    claim_max_steps: int
    def __init__(self, worker_uuid: _Optional[str] = ..., reports: _Optional[_Iterable[_Union[StepReport, _Mapping]]] = ..., claim_max_steps: _Optional[int] = ...) -> None: ...

class StepReport(_message.Message):
    __slots__ = ("claim_uuid", "execution_duration", "results", "failure")
    CLAIM_UUID_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_DURATION_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    FAILURE_FIELD_NUMBER: _ClassVar[int]
    claim_uuid: str
    execution_duration: _duration_pb2.Duration
    results: _struct_pb2.Struct
    failure: AttemptFailure
    def __init__(self, claim_uuid: _Optional[str] = ..., execution_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., results: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., failure: _Optional[_Union[AttemptFailure, _Mapping]] = ...) -> None: ...

class AttemptFailure(_message.Message):
    __slots__ = ("error", "retry_after")
    ERROR_FIELD_NUMBER: _ClassVar[int]
    RETRY_AFTER_FIELD_NUMBER: _ClassVar[int]
    error: _common_pb2.StepError
    retry_after: _duration_pb2.Duration
    def __init__(self, error: _Optional[_Union[_common_pb2.StepError, _Mapping]] = ..., retry_after: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class StepReportResult(_message.Message):
    __slots__ = ("claim_uuid", "status", "step", "will_retry", "next_retry_at")
    CLAIM_UUID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    WILL_RETRY_FIELD_NUMBER: _ClassVar[int]
    NEXT_RETRY_AT_FIELD_NUMBER: _ClassVar[int]
    claim_uuid: str
    status: _status_pb2.Status
    step: _step_pb2.Step
    will_retry: bool
    next_retry_at: _timestamp_pb2.Timestamp
    def __init__(self, claim_uuid: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., step: _Optional[_Union[_step_pb2.Step, _Mapping]] = ..., will_retry: _Optional[bool] = ..., next_retry_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReportResultsResponse(_message.Message):
    __slots__ = ("results", "claimed")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    CLAIMED_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[StepReportResult]
    claimed: _containers.RepeatedCompositeFieldContainer[ClaimedStep]
    def __init__(self, results: _Optional[_Iterable[_Union[StepReportResult, _Mapping]]] = ..., claimed: _Optional[_Iterable[_Union[ClaimedStep, _Mapping]]] = ...) -> None: ...
