"""A client library for accessing Adnuntius API, authentication, line items and assets (profile)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
