"""A client library for accessing BidTheatre API v2.0, authentication, campaigns and asynchronous reports (profile)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
