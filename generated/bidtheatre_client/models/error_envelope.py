from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails


T = TypeVar("T", bound="ErrorEnvelope")


@_attrs_define
class ErrorEnvelope:
    """The body of every answer from 400 to 599, with the metadata fields; `networkId` is null
    when the path names no valid network.

    """

    error: ErrorDetails
    """ What went wrong. """
    api_version: str
    """ The version of the API the request was invoked on. """
    code: int
    """ The HTTP status of the answer, as in its status line. """
    method: str
    """ The HTTP method the request used, such as GET, POST, PUT or DELETE. """
    network_id: int | None

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        api_version = self.api_version

        code = self.code

        method = self.method

        network_id: int | None
        network_id = self.network_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "error": error,
                "apiVersion": api_version,
                "code": code,
                "method": method,
                "networkId": network_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_details import ErrorDetails

        d = dict(src_dict)
        error = ErrorDetails.from_dict(d.pop("error"))

        api_version = d.pop("apiVersion")

        code = d.pop("code")

        method = d.pop("method")

        def _parse_network_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        network_id = _parse_network_id(d.pop("networkId"))

        error_envelope = cls(
            error=error,
            api_version=api_version,
            code=code,
            method=method,
            network_id=network_id,
        )

        return error_envelope
