"""A client library for accessing Xandr (AppNexus) Impression Bus API, authentication and Creative Service (profile)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
