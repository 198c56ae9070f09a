from typing import Literal

ProvidedAudienceChannel = Literal["Facebook"]

PROVIDED_AUDIENCE_CHANNEL_VALUES: set[ProvidedAudienceChannel] = {
    "Facebook",
}


def check_provided_audience_channel(value: str) -> ProvidedAudienceChannel:
    if value in PROVIDED_AUDIENCE_CHANNEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROVIDED_AUDIENCE_CHANNEL_VALUES!r}"
    )
