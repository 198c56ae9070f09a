"""Contains all the data models used in inputs/outputs"""

from .campaign import Campaign
from .campaign_envelope import CampaignEnvelope
from .campaign_input import CampaignInput
from .campaigns_envelope import CampaignsEnvelope
from .error_details import ErrorDetails
from .error_envelope import ErrorEnvelope
from .link import Link
from .object_link import ObjectLink
from .object_link_input import ObjectLinkInput

__all__ = (
    "Campaign",
    "CampaignEnvelope",
    "CampaignInput",
    "CampaignsEnvelope",
    "ErrorDetails",
    "ErrorEnvelope",
    "Link",
    "ObjectLink",
    "ObjectLinkInput",
)
