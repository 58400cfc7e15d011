import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
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

class DlqReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DLQ_REASON_UNSPECIFIED: _ClassVar[DlqReason]
    DLQ_REASON_STALENESS_TIMEOUT: _ClassVar[DlqReason]
    DLQ_REASON_MAX_RETRIES_EXCEEDED: _ClassVar[DlqReason]
    DLQ_REASON_DEPENDENCY_CYCLE_DETECTED: _ClassVar[DlqReason]
    DLQ_REASON_WORKER_UNAVAILABLE: _ClassVar[DlqReason]
    DLQ_REASON_MANUAL_DLQ: _ClassVar[DlqReason]

class DlqResolutionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DLQ_RESOLUTION_STATUS_UNSPECIFIED: _ClassVar[DlqResolutionStatus]
    DLQ_RESOLUTION_STATUS_PENDING: _ClassVar[DlqResolutionStatus]
    DLQ_RESOLUTION_STATUS_MANUALLY_RESOLVED: _ClassVar[DlqResolutionStatus]
    DLQ_RESOLUTION_STATUS_PERMANENTLY_FAILED: _ClassVar[DlqResolutionStatus]
    DLQ_RESOLUTION_STATUS_CANCELLED: _ClassVar[DlqResolutionStatus]

class StalenessHealth(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STALENESS_HEALTH_UNSPECIFIED: _ClassVar[StalenessHealth]
    STALENESS_HEALTH_HEALTHY: _ClassVar[StalenessHealth]
    STALENESS_HEALTH_WARNING: _ClassVar[StalenessHealth]
    STALENESS_HEALTH_STALE: _ClassVar[StalenessHealth]
DLQ_REASON_UNSPECIFIED: DlqReason
DLQ_REASON_STALENESS_TIMEOUT: DlqReason
DLQ_REASON_MAX_RETRIES_EXCEEDED: DlqReason
DLQ_REASON_DEPENDENCY_CYCLE_DETECTED: DlqReason
DLQ_REASON_WORKER_UNAVAILABLE: DlqReason
DLQ_REASON_MANUAL_DLQ: DlqReason
DLQ_RESOLUTION_STATUS_UNSPECIFIED: DlqResolutionStatus
DLQ_RESOLUTION_STATUS_PENDING: DlqResolutionStatus
DLQ_RESOLUTION_STATUS_MANUALLY_RESOLVED: DlqResolutionStatus
DLQ_RESOLUTION_STATUS_PERMANENTLY_FAILED: DlqResolutionStatus
DLQ_RESOLUTION_STATUS_CANCELLED: DlqResolutionStatus
STALENESS_HEALTH_UNSPECIFIED: StalenessHealth
STALENESS_HEALTH_HEALTHY: StalenessHealth
STALENESS_HEALTH_WARNING: StalenessHealth
STALENESS_HEALTH_STALE: StalenessHealth

class DlqEntry(_message.Message):
    __slots__ = ("dlq_entry_uuid", "task_uuid", "namespace", "name", "version", "original_state", "reason", "resolution_status", "resolution_notes", "resolved_by", "metadata", "task_snapshot", "step_uuid", "priority", "created_at", "updated_at", "resolved_at")
    DLQ_ENTRY_UUID_FIELD_NUMBER: _ClassVar[int]
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_STATUS_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_NOTES_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_BY_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    TASK_SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    STEP_UUID_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    dlq_entry_uuid: str
    task_uuid: str
    namespace: str
    name: str
    version: str
    original_state: _common_pb2.TaskState
    reason: DlqReason
    resolution_status: DlqResolutionStatus
    resolution_notes: str
    resolved_by: str
    metadata: _struct_pb2.Struct
    task_snapshot: _struct_pb2.Struct
    step_uuid: str
    priority: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    resolved_at: _timestamp_pb2.Timestamp
    def __init__(self, dlq_entry_uuid: _Optional[str] = ..., task_uuid: _Optional[str] = ..., namespace: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[str] = ..., original_state: _Optional[_Union[_common_pb2.TaskState, str]] = ..., reason: _Optional[_Union[DlqReason, str]] = ..., resolution_status: _Optional[_Union[DlqResolutionStatus, str]] = ..., resolution_notes: _Optional[str] = ..., resolved_by: _Optional[str] = ..., metadata: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., task_snapshot: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., step_uuid: _Optional[str] = ..., priority: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListEntriesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "resolution_status", "reason", "namespace")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    resolution_status: DlqResolutionStatus
    reason: DlqReason
    namespace: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., resolution_status: _Optional[_Union[DlqResolutionStatus, str]] = ..., reason: _Optional[_Union[DlqReason, str]] = ..., namespace: _Optional[str] = ...) -> None: ...

class ListEntriesResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[DlqEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[DlqEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetEntryByTaskRequest(_message.Message):
    __slots__ = ("task_uuid",)
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    def __init__(self, task_uuid: _Optional[str] = ...) -> None: ...

class GetEntryByTaskResponse(_message.Message):
    __slots__ = ("entry",)
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: DlqEntry
    def __init__(self, entry: _Optional[_Union[DlqEntry, _Mapping]] = ...) -> None: ...

class UpdateInvestigationRequest(_message.Message):
    __slots__ = ("entry", "update_mask")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    entry: DlqEntry
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, entry: _Optional[_Union[DlqEntry, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateInvestigationResponse(_message.Message):
    __slots__ = ("entry",)
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: DlqEntry
    def __init__(self, entry: _Optional[_Union[DlqEntry, _Mapping]] = ...) -> None: ...

class GetStatsRequest(_message.Message):
    __slots__ = ("since",)
    SINCE_FIELD_NUMBER: _ClassVar[int]
    since: _timestamp_pb2.Timestamp
    def __init__(self, since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DlqReasonStats(_message.Message):
    __slots__ = ("reason", "total", "pending", "manually_resolved", "permanently_failed", "cancelled", "average_resolution_time", "oldest_pending_at")
    REASON_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    MANUALLY_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    PERMANENTLY_FAILED_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_RESOLUTION_TIME_FIELD_NUMBER: _ClassVar[int]
    OLDEST_PENDING_AT_FIELD_NUMBER: _ClassVar[int]
    reason: DlqReason
    total: int
    pending: int
    manually_resolved: int
    permanently_failed: int
    cancelled: int
    average_resolution_time: _duration_pb2.Duration
    oldest_pending_at: _timestamp_pb2.Timestamp
    def __init__(self, reason: _Optional[_Union[DlqReason, str]] = ..., total: _Optional[int] = ..., pending: _Optional[int] = ..., manually_resolved: _Optional[int] = ..., permanently_failed: _Optional[int] = ..., cancelled: _Optional[int] = ..., average_resolution_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., oldest_pending_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetStatsResponse(_message.Message):
    __slots__ = ("by_reason", "total", "pending", "average_resolution_time")
    BY_REASON_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_RESOLUTION_TIME_FIELD_NUMBER: _ClassVar[int]
    by_reason: _containers.RepeatedCompositeFieldContainer[DlqReasonStats]
    total: int
    pending: int
    average_resolution_time: _duration_pb2.Duration
    def __init__(self, by_reason: _Optional[_Iterable[_Union[DlqReasonStats, _Mapping]]] = ..., total: _Optional[int] = ..., pending: _Optional[int] = ..., average_resolution_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GetInvestigationQueueRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class InvestigationQueueItem(_message.Message):
    __slots__ = ("entry", "priority_score", "age")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_SCORE_FIELD_NUMBER: _ClassVar[int]
    AGE_FIELD_NUMBER: _ClassVar[int]
    entry: DlqEntry
    priority_score: float
    age: _duration_pb2.Duration
    def __init__(self, entry: _Optional[_Union[DlqEntry, _Mapping]] = ..., priority_score: _Optional[float] = ..., age: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GetInvestigationQueueResponse(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[InvestigationQueueItem]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[InvestigationQueueItem, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetStalenessMonitoringRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "min_health")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MIN_HEALTH_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    min_health: StalenessHealth
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., min_health: _Optional[_Union[StalenessHealth, str]] = ...) -> None: ...

class StalenessRecord(_message.Message):
    __slots__ = ("task_uuid", "namespace", "name", "version", "state", "state_entered_at", "time_in_state", "threshold", "threshold_percentage", "health", "priority")
    TASK_UUID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_ENTERED_AT_FIELD_NUMBER: _ClassVar[int]
    TIME_IN_STATE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    HEALTH_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    task_uuid: str
    namespace: str
    name: str
    version: str
    state: _common_pb2.TaskState
    state_entered_at: _timestamp_pb2.Timestamp
    time_in_state: _duration_pb2.Duration
    threshold: _duration_pb2.Duration
    threshold_percentage: float
    health: StalenessHealth
    priority: int
    def __init__(self, task_uuid: _Optional[str] = ..., namespace: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[str] = ..., state: _Optional[_Union[_common_pb2.TaskState, str]] = ..., state_entered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., time_in_state: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., threshold: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., threshold_percentage: _Optional[float] = ..., health: _Optional[_Union[StalenessHealth, str]] = ..., priority: _Optional[int] = ...) -> None: ...

class GetStalenessMonitoringResponse(_message.Message):
    __slots__ = ("records", "next_page_token")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[StalenessRecord]
    next_page_token: str
    def __init__(self, records: _Optional[_Iterable[_Union[StalenessRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
