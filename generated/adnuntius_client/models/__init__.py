"""Contains all the data models used in inputs/outputs"""

from .access_token import AccessToken
from .asset import Asset
from .asset_upload import AssetUpload
from .line_item import LineItem
from .line_item_changes import LineItemChanges
from .line_item_list_entry import LineItemListEntry
from .line_item_page import LineItemPage
from .list_line_items_order_by_direction import ListLineItemsOrderByDirection
from .object_state import ObjectState
from .targeting import Targeting
from .token_request import TokenRequest
from .token_request_grant_type import TokenRequestGrantType
from .translatable_message import TranslatableMessage
from .translatable_message_params import TranslatableMessageParams

__all__ = (
    "AccessToken",
    "Asset",
    "AssetUpload",
    "LineItem",
    "LineItemChanges",
    "LineItemListEntry",
    "LineItemPage",
    "ListLineItemsOrderByDirection",
    "ObjectState",
    "Targeting",
    "TokenRequest",
    "TokenRequestGrantType",
    "TranslatableMessage",
    "TranslatableMessageParams",
)
