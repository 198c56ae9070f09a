"""Contains all the data models used in inputs/outputs"""

from .advertiser_campaign import AdvertiserCampaign
from .advertiser_campaign_input import AdvertiserCampaignInput
from .error_details import ErrorDetails
from .error_envelope import ErrorEnvelope

__all__ = (
    "AdvertiserCampaign",
    "AdvertiserCampaignInput",
    "ErrorDetails",
    "ErrorEnvelope",
)
