from typing import Literal

OrgTypePlural = Literal["advertisers", "affiliates", "networks"]

ORG_TYPE_PLURAL_VALUES: set[OrgTypePlural] = {
    "advertisers",
    "affiliates",
    "networks",
}


def check_org_type_plural(value: str) -> OrgTypePlural:
    if value in ORG_TYPE_PLURAL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORG_TYPE_PLURAL_VALUES!r}")
