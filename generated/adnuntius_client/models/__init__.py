"""Contains all the data models used in inputs/outputs"""

from .access_token import AccessToken
from .line_item import LineItem
from .line_item_changes import LineItemChanges
from .line_item_list_entry import LineItemListEntry
from .line_item_page import LineItemPage
from .object_state import ObjectState
from .token_request import TokenRequest
from .translatable_message import TranslatableMessage
from .translatable_message_params import TranslatableMessageParams

__all__ = (
    "AccessToken",
    "LineItem",
    "LineItemChanges",
    "LineItemListEntry",
    "LineItemPage",
    "ObjectState",
    "TokenRequest",
    "TranslatableMessage",
    "TranslatableMessageParams",
)
