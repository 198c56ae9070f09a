"""Contains all the data models used in inputs/outputs"""

from .advertiser_campaign import AdvertiserCampaign
from .advertiser_campaign_input import AdvertiserCampaignInput
from .advertiser_campaign_input_campaign_type import AdvertiserCampaignInputCampaignType
from .advertiser_campaign_input_ivr_tree import AdvertiserCampaignInputIvrTree
from .campaign_terms import CampaignTerms
from .error_envelope import ErrorEnvelope
from .error_envelope_errors import ErrorEnvelopeErrors
from .go_live_input import GoLiveInput
from .org_type_plural import OrgTypePlural
from .transaction import Transaction
from .transaction_type import TransactionType

__all__ = (
    "AdvertiserCampaign",
    "AdvertiserCampaignInput",
    "AdvertiserCampaignInputCampaignType",
    "AdvertiserCampaignInputIvrTree",
    "CampaignTerms",
    "ErrorEnvelope",
    "ErrorEnvelopeErrors",
    "GoLiveInput",
    "OrgTypePlural",
    "Transaction",
    "TransactionType",
)
