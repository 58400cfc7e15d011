import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from tasker_worker._proto.tasker.gateway.v1 import openapi_pb2 as _openapi_pb2
from tasker_worker._proto.tasker.v1 import common_pb2 as _common_pb2
from tasker_worker._proto.tasker.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetWorkerHealthRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetWorkerHealthResponse(_message.Message):
    __slots__ = ("status", "version", "uptime", "checked_at")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPTIME_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.HealthStatus
    version: str
    uptime: _duration_pb2.Duration
    checked_at: _timestamp_pb2.Timestamp
    def __init__(self, status: _Optional[_Union[_common_pb2.HealthStatus, str]] = ..., version: _Optional[str] = ..., uptime: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., checked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetWorkerReadinessRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetWorkerReadinessResponse(_message.Message):
    __slots__ = ("ready", "worker_uuid", "checks")
    READY_FIELD_NUMBER: _ClassVar[int]
    WORKER_UUID_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FIELD_NUMBER: _ClassVar[int]
    ready: bool
    worker_uuid: str
    checks: _containers.RepeatedCompositeFieldContainer[_common_pb2.ComponentHealth]
    def __init__(self, ready: _Optional[bool] = ..., worker_uuid: _Optional[str] = ..., checks: _Optional[_Iterable[_Union[_common_pb2.ComponentHealth, _Mapping]]] = ...) -> None: ...

class WorkerTemplate(_message.Message):
    __slots__ = ("namespace", "name", "version", "handlers", "complete")
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    HANDLERS_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    name: str
    version: str
    handlers: _containers.RepeatedScalarFieldContainer[str]
    complete: bool
    def __init__(self, namespace: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[str] = ..., handlers: _Optional[_Iterable[str]] = ..., complete: _Optional[bool] = ...) -> None: ...

class ListWorkerTemplatesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "namespace")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    namespace: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., namespace: _Optional[str] = ...) -> None: ...

class ListWorkerTemplatesResponse(_message.Message):
    __slots__ = ("templates", "next_page_token")
    TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    templates: _containers.RepeatedCompositeFieldContainer[WorkerTemplate]
    next_page_token: str
    def __init__(self, templates: _Optional[_Iterable[_Union[WorkerTemplate, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetWorkerConfigRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetWorkerConfigResponse(_message.Message):
    __slots__ = ("version", "config", "redacted_fields")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    REDACTED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    version: str
    config: _struct_pb2.Struct
    redacted_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, version: _Optional[str] = ..., config: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., redacted_fields: _Optional[_Iterable[str]] = ...) -> None: ...
