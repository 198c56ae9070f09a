"""A client library for accessing Invoca Network Integration and Transactions APIs (profile)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
