from typing import Literal

AdvertiserCampaignInputCampaignType = Literal["AffiliateEnabled", "DirectOnly", "ExternalOnly"]

ADVERTISER_CAMPAIGN_INPUT_CAMPAIGN_TYPE_VALUES: set[AdvertiserCampaignInputCampaignType] = {
    "AffiliateEnabled",
    "DirectOnly",
    "ExternalOnly",
}


def check_advertiser_campaign_input_campaign_type(
    value: str,
) -> AdvertiserCampaignInputCampaignType:
    if value in ADVERTISER_CAMPAIGN_INPUT_CAMPAIGN_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ADVERTISER_CAMPAIGN_INPUT_CAMPAIGN_TYPE_VALUES!r}"
    )
