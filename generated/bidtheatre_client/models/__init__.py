"""Contains all the data models used in inputs/outputs"""

from .auth import Auth
from .auth_envelope import AuthEnvelope
from .auth_request import AuthRequest
from .auth_request_mode import AuthRequestMode
from .campaign import Campaign
from .campaign_envelope import CampaignEnvelope
from .campaign_input import CampaignInput
from .campaign_input_advertiser import CampaignInputAdvertiser
from .campaigns_envelope import CampaignsEnvelope
from .error_envelope import ErrorEnvelope
from .error_envelope_error import ErrorEnvelopeError
from .report import Report
from .report_data_item import ReportDataItem
from .report_envelope import ReportEnvelope
from .report_request import ReportRequest
from .report_request_filters_item import ReportRequestFiltersItem

__all__ = (
    "Auth",
    "AuthEnvelope",
    "AuthRequest",
    "AuthRequestMode",
    "Campaign",
    "CampaignEnvelope",
    "CampaignInput",
    "CampaignInputAdvertiser",
    "CampaignsEnvelope",
    "ErrorEnvelope",
    "ErrorEnvelopeError",
    "Report",
    "ReportDataItem",
    "ReportEnvelope",
    "ReportRequest",
    "ReportRequestFiltersItem",
)
