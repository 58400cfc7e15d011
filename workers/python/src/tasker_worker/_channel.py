"""Connections to the orchestrator: endpoint, TLS and credentials."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import grpc

from tasker_worker.errors import ConfigError

Metadata = tuple[tuple[str, str], ...]

# Reconnect quickly after a restart of the orchestrator; keep idle
# connections alive through proxies and NAT (as the Rust SDK does).
_OPTIONS = [
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.min_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 5000),
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 20_000),
    ("grpc.max_receive_message_length", 64 * 1024 * 1024),
]


def resolve_endpoint(endpoint: str | None) -> str:
    """The endpoint given, else ``TASKER_ENDPOINT``."""
    endpoint = endpoint or os.environ.get("TASKER_ENDPOINT", "")
    if not endpoint:
        raise ConfigError("endpoint: pass one or set TASKER_ENDPOINT (e.g. http://127.0.0.1:9090)")
    return endpoint


def parse_endpoint(endpoint: str) -> tuple[str, bool]:
    """``(host:port, tls)`` of ``http://host:port`` or ``https://host:port``."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"endpoint {endpoint!r}: expected http://host:port or https://host:port")
    if parts.path not in ("", "/") or parts.query or parts.username:
        raise ConfigError(f"endpoint {endpoint!r}: expected only a scheme, a host and a port")
    tls = parts.scheme == "https"
    try:
        port = parts.port or (443 if tls else 80)
    except ValueError as error:
        raise ConfigError(f"endpoint {endpoint!r}: {error}") from None
    host = parts.hostname
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}", tls


def credential_metadata(api_key: str | None, bearer_token: str | None) -> Metadata:
    """Call metadata for a credential: ``x-api-key`` and/or ``authorization``.

    ``api_key`` falls back to ``TASKER_API_KEY`` when neither is given.
    """
    if api_key is None and bearer_token is None:
        api_key = os.environ.get("TASKER_API_KEY") or None
    metadata: list[tuple[str, str]] = []
    for setting, value in (("api_key", api_key), ("bearer_token", bearer_token)):
        if value and (not value.isascii() or any(c in value for c in "\r\n\0")):
            raise ConfigError(f"{setting}: not a valid header value")
    if api_key:
        metadata.append(("x-api-key", api_key))
    if bearer_token:
        metadata.append(("authorization", f"Bearer {bearer_token}"))
    return tuple(metadata)


def open_channel(endpoint: str, root_certificates: bytes | None = None) -> grpc.aio.Channel:
    """A lazily connecting asyncio channel to the orchestrator at ``endpoint``."""
    target, tls = parse_endpoint(endpoint)
    if root_certificates is not None and not tls:
        raise ConfigError("root_certificates are set, but the endpoint is http:// (use https://)")
    if tls:
        credentials = grpc.ssl_channel_credentials(root_certificates=root_certificates)
        return grpc.aio.secure_channel(target, credentials, options=_OPTIONS)
    return grpc.aio.insecure_channel(target, options=_OPTIONS)
