"""The SDK's version, sent at registration."""

__version__ = "0.1.0"
