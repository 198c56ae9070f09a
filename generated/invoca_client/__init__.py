"""A client library for accessing Invoca Network Integration API (profile)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
