from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
FIELD_FIELD_NUMBER: _ClassVar[int]
field: _descriptor.FieldDescriptor
DOCUMENT_FIELD_NUMBER: _ClassVar[int]
document: _descriptor.FieldDescriptor

class FieldSchema(_message.Message):
    __slots__ = ("format", "minimum", "maximum")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    MAXIMUM_FIELD_NUMBER: _ClassVar[int]
    format: str
    minimum: float
    maximum: float
    def __init__(self, format: _Optional[str] = ..., minimum: _Optional[float] = ..., maximum: _Optional[float] = ...) -> None: ...

class SecurityScheme(_message.Message):
    __slots__ = ("name", "type", "description", "scheme", "bearer_format", "location", "parameter_name")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    BEARER_FORMAT_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: str
    description: str
    scheme: str
    bearer_format: str
    location: str
    parameter_name: str
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ..., description: _Optional[str] = ..., scheme: _Optional[str] = ..., bearer_format: _Optional[str] = ..., location: _Optional[str] = ..., parameter_name: _Optional[str] = ...) -> None: ...

class Document(_message.Message):
    __slots__ = ("security_schemes", "anonymous_when")
    SECURITY_SCHEMES_FIELD_NUMBER: _ClassVar[int]
    ANONYMOUS_WHEN_FIELD_NUMBER: _ClassVar[int]
    security_schemes: _containers.RepeatedCompositeFieldContainer[SecurityScheme]
    anonymous_when: str
    def __init__(self, security_schemes: _Optional[_Iterable[_Union[SecurityScheme, _Mapping]]] = ..., anonymous_when: _Optional[str] = ...) -> None: ...
