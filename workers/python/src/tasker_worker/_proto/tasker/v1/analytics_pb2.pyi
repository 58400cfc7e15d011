import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from tasker_worker._proto.tasker.gateway.v1 import openapi_pb2 as _openapi_pb2
from tasker_worker._proto.tasker.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DurationStats(_message.Message):
    __slots__ = ("count", "mean", "p50", "p95", "p99", "max")
    COUNT_FIELD_NUMBER: _ClassVar[int]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    P50_FIELD_NUMBER: _ClassVar[int]
    P95_FIELD_NUMBER: _ClassVar[int]
    P99_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    count: int
    mean: _duration_pb2.Duration
    p50: _duration_pb2.Duration
    p95: _duration_pb2.Duration
    p99: _duration_pb2.Duration
    max: _duration_pb2.Duration
    def __init__(self, count: _Optional[int] = ..., mean: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., p50: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., p95: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., p99: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GetPerformanceMetricsRequest(_message.Message):
    __slots__ = ("start_time", "end_time", "namespace")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    namespace: str
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., namespace: _Optional[str] = ...) -> None: ...

class GetPerformanceMetricsResponse(_message.Message):
    __slots__ = ("start_time", "end_time", "tasks_created", "tasks_completed", "tasks_failed", "tasks_cancelled", "active_tasks", "completion_rate", "error_rate", "tasks_per_second", "steps_completed", "task_duration")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    TASKS_CREATED_FIELD_NUMBER: _ClassVar[int]
    TASKS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    TASKS_FAILED_FIELD_NUMBER: _ClassVar[int]
    TASKS_CANCELLED_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_TASKS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_RATE_FIELD_NUMBER: _ClassVar[int]
    ERROR_RATE_FIELD_NUMBER: _ClassVar[int]
    TASKS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    STEPS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    TASK_DURATION_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    tasks_created: int
    tasks_completed: int
    tasks_failed: int
    tasks_cancelled: int
    active_tasks: int
    completion_rate: float
    error_rate: float
    tasks_per_second: float
    steps_completed: int
    task_duration: DurationStats
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tasks_created: _Optional[int] = ..., tasks_completed: _Optional[int] = ..., tasks_failed: _Optional[int] = ..., tasks_cancelled: _Optional[int] = ..., active_tasks: _Optional[int] = ..., completion_rate: _Optional[float] = ..., error_rate: _Optional[float] = ..., tasks_per_second: _Optional[float] = ..., steps_completed: _Optional[int] = ..., task_duration: _Optional[_Union[DurationStats, _Mapping]] = ...) -> None: ...

class GetBottleneckAnalysisRequest(_message.Message):
    __slots__ = ("start_time", "end_time", "namespace", "limit")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    namespace: str
    limit: int
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., namespace: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class SlowStep(_message.Message):
    __slots__ = ("namespace", "task_name", "step_name", "handler", "execution", "error_rate")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    TASK_NAME_FIELD_NUMBER: _ClassVar[int]
    STEP_NAME_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_FIELD_NUMBER: _ClassVar[int]
    ERROR_RATE_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    task_name: str
    step_name: str
    handler: str
    execution: DurationStats
    error_rate: float
    def __init__(self, namespace: _Optional[str] = ..., task_name: _Optional[str] = ..., step_name: _Optional[str] = ..., handler: _Optional[str] = ..., execution: _Optional[_Union[DurationStats, _Mapping]] = ..., error_rate: _Optional[float] = ...) -> None: ...

class SlowTask(_message.Message):
    __slots__ = ("namespace", "name", "version", "duration")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    name: str
    version: str
    duration: DurationStats
    def __init__(self, namespace: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[str] = ..., duration: _Optional[_Union[DurationStats, _Mapping]] = ...) -> None: ...

class RetryHotSpot(_message.Message):
    __slots__ = ("namespace", "handler", "retries", "attempts", "exhausted")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    RETRIES_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    EXHAUSTED_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    handler: str
    retries: int
    attempts: int
    exhausted: int
    def __init__(self, namespace: _Optional[str] = ..., handler: _Optional[str] = ..., retries: _Optional[int] = ..., attempts: _Optional[int] = ..., exhausted: _Optional[int] = ...) -> None: ...

class ResourceUtilization(_message.Message):
    __slots__ = ("db_pool_size", "db_pool_idle", "db_pool_utilization", "active_workers", "ready_steps", "in_progress_steps")
    DB_POOL_SIZE_FIELD_NUMBER: _ClassVar[int]
    DB_POOL_IDLE_FIELD_NUMBER: _ClassVar[int]
    DB_POOL_UTILIZATION_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_WORKERS_FIELD_NUMBER: _ClassVar[int]
    READY_STEPS_FIELD_NUMBER: _ClassVar[int]
    IN_PROGRESS_STEPS_FIELD_NUMBER: _ClassVar[int]
    db_pool_size: int
    db_pool_idle: int
    db_pool_utilization: float
    active_workers: int
    ready_steps: int
    in_progress_steps: int
    def __init__(self, db_pool_size: _Optional[int] = ..., db_pool_idle: _Optional[int] = ..., db_pool_utilization: _Optional[float] = ..., active_workers: _Optional[int] = ..., ready_steps: _Optional[int] = ..., in_progress_steps: _Optional[int] = ...) -> None: ...

class GetBottleneckAnalysisResponse(_message.Message):
    __slots__ = ("start_time", "end_time", "slow_steps", "slow_tasks", "retry_hot_spots", "resources")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    SLOW_STEPS_FIELD_NUMBER: _ClassVar[int]
    SLOW_TASKS_FIELD_NUMBER: _ClassVar[int]
    RETRY_HOT_SPOTS_FIELD_NUMBER: _ClassVar[int]
    RESOURCES_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    slow_steps: _containers.RepeatedCompositeFieldContainer[SlowStep]
    slow_tasks: _containers.RepeatedCompositeFieldContainer[SlowTask]
    retry_hot_spots: _containers.RepeatedCompositeFieldContainer[RetryHotSpot]
    resources: ResourceUtilization
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., slow_steps: _Optional[_Iterable[_Union[SlowStep, _Mapping]]] = ..., slow_tasks: _Optional[_Iterable[_Union[SlowTask, _Mapping]]] = ..., retry_hot_spots: _Optional[_Iterable[_Union[RetryHotSpot, _Mapping]]] = ..., resources: _Optional[_Union[ResourceUtilization, _Mapping]] = ...) -> None: ...
