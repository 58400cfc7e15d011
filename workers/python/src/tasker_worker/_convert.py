"""Conversions between JSON-like Python values and protobuf well-known types.

``google.protobuf.Struct`` carries every number as a double: a whole number
within 2^53 comes back as an ``int`` (``3``, not ``3.0``), larger integers
lose precision on the way through the orchestrator.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any

from google.protobuf import duration_pb2, struct_pb2, timestamp_pb2

_EXACT = 2**53


def value_to_python(value: struct_pb2.Value) -> Any:
    """The Python value of a protobuf ``Value``."""
    kind = value.WhichOneof("kind")
    if kind == "number_value":
        number = value.number_value
        if math.isfinite(number) and number.is_integer() and abs(number) <= _EXACT:
            return int(number)
        return number
    if kind == "string_value":
        return value.string_value
    if kind == "bool_value":
        return value.bool_value
    if kind == "struct_value":
        return struct_to_dict(value.struct_value)
    if kind == "list_value":
        return [value_to_python(v) for v in value.list_value.values]
    return None


def struct_to_dict(value: struct_pb2.Struct | None) -> dict[str, Any]:
    """A dict for a protobuf ``Struct`` (``None`` is ``{}``)."""
    if value is None:
        return {}
    return {key: value_to_python(v) for key, v in value.fields.items()}


def python_to_value(value: Any, path: str = "$") -> struct_pb2.Value:
    """The protobuf ``Value`` of a JSON-serialisable Python value.

    Raises ``TypeError`` naming the path of the first value JSON cannot
    carry (a set, bytes, an object, a non-string key, NaN, ...).
    """
    out = struct_pb2.Value()
    if value is None:
        out.null_value = struct_pb2.NULL_VALUE
    elif isinstance(value, bool):
        out.bool_value = value
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise TypeError(f"{path}: {value} is not a JSON number")
        out.number_value = float(value)
    elif isinstance(value, str):
        out.string_value = value
    elif isinstance(value, Mapping):
        out.struct_value.CopyFrom(dict_to_struct(value, path))
    elif isinstance(value, (list, tuple)):
        out.list_value.values.extend(python_to_value(v, f"{path}[{i}]") for i, v in enumerate(value))
    else:
        raise TypeError(f"{path}: a {type(value).__name__} is not JSON-serialisable")
    return out


def dict_to_struct(value: Mapping[str, Any], path: str = "$") -> struct_pb2.Struct:
    """The protobuf ``Struct`` of a mapping with string keys."""
    out = struct_pb2.Struct()
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError(f"{path}: key {key!r} is not a string")
        out.fields[key].CopyFrom(python_to_value(item, f"{path}.{key}"))
    return out


def results_to_struct(value: Any) -> struct_pb2.Struct:
    """A handler's results as a ``Struct``: a mapping as it is, ``None`` as
    ``{}``, and any other value wrapped as ``{"result": value}``."""
    if value is None:
        return struct_pb2.Struct()
    if isinstance(value, Mapping):
        return dict_to_struct(value)
    return dict_to_struct({"result": value})


def seconds_to_duration(seconds: float) -> duration_pb2.Duration:
    """A ``Duration`` of ``seconds`` (rounded to the microsecond)."""
    out = duration_pb2.Duration()
    out.FromTimedelta(datetime.timedelta(seconds=seconds))
    return out


def duration_to_seconds(value: duration_pb2.Duration | None) -> float | None:
    """Seconds of a ``Duration``; ``None`` when unset or not positive."""
    if value is None:
        return None
    seconds = value.seconds + value.nanos / 1e9
    return seconds if seconds > 0 else None


def timestamp_to_datetime(value: timestamp_pb2.Timestamp | None) -> datetime.datetime | None:
    """An aware UTC ``datetime`` of a ``Timestamp``; ``None`` when unset."""
    if value is None or (value.seconds == 0 and value.nanos == 0):
        return None
    return value.ToDatetime(tzinfo=datetime.timezone.utc)
