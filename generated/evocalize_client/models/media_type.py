from typing import Literal

MediaType = Literal["image", "video"]

MEDIA_TYPE_VALUES: set[MediaType] = {
    "image",
    "video",
}


def check_media_type(value: str) -> MediaType:
    if value in MEDIA_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEDIA_TYPE_VALUES!r}")
