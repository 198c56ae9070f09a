from typing import Literal

RepositoryFieldType = Literal["boolean", "date_time", "number", "string"]

REPOSITORY_FIELD_TYPE_VALUES: set[RepositoryFieldType] = {
    "boolean",
    "date_time",
    "number",
    "string",
}


def check_repository_field_type(value: str) -> RepositoryFieldType:
    if value in REPOSITORY_FIELD_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPOSITORY_FIELD_TYPE_VALUES!r}")
