import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from tasker_worker._proto.tasker.v1 import common_pb2 as _common_pb2
from tasker_worker._proto.tasker.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CheckRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CheckResponse(_message.Message):
    __slots__ = ("status", "version", "checked_at")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.HealthStatus
    version: str
    checked_at: _timestamp_pb2.Timestamp
    def __init__(self, status: _Optional[_Union[_common_pb2.HealthStatus, str]] = ..., version: _Optional[str] = ..., checked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class LivenessRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class LivenessResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.HealthStatus
    def __init__(self, status: _Optional[_Union[_common_pb2.HealthStatus, str]] = ...) -> None: ...

class ReadinessRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ReadinessResponse(_message.Message):
    __slots__ = ("ready", "status", "checks")
    READY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHECKS_FIELD_NUMBER: _ClassVar[int]
    ready: bool
    status: _common_pb2.HealthStatus
    checks: _containers.RepeatedCompositeFieldContainer[_common_pb2.ComponentHealth]
    def __init__(self, ready: _Optional[bool] = ..., status: _Optional[_Union[_common_pb2.HealthStatus, str]] = ..., checks: _Optional[_Iterable[_Union[_common_pb2.ComponentHealth, _Mapping]]] = ...) -> None: ...

class DetailedHealthRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DetailedHealthResponse(_message.Message):
    __slots__ = ("status", "version", "environment", "uptime", "components", "checked_at")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_FIELD_NUMBER: _ClassVar[int]
    UPTIME_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.HealthStatus
    version: str
    environment: str
    uptime: _duration_pb2.Duration
    components: _containers.RepeatedCompositeFieldContainer[_common_pb2.ComponentHealth]
    checked_at: _timestamp_pb2.Timestamp
    def __init__(self, status: _Optional[_Union[_common_pb2.HealthStatus, str]] = ..., version: _Optional[str] = ..., environment: _Optional[str] = ..., uptime: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., components: _Optional[_Iterable[_Union[_common_pb2.ComponentHealth, _Mapping]]] = ..., checked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
