from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.program_variables import ProgramVariables


T = TypeVar("T", bound="LeadProgram")


@_attrs_define
class LeadProgram:
    """The program that published the ad the lead answered."""

    project_id: int
    """ A 64-bit Evocalize id, sent as a JSON number. """
    program_id: int
    """ A 64-bit Evocalize id, sent as a JSON number. """
    program_name: str
    """ The program's name (the API reference's table says long; its examples send a string). """
    program_description: None | str | Unset = UNSET
    """ The program's description. """
    program_variables: None | ProgramVariables | Unset = UNSET
    """ Values specific to the partner's application, set up with Evocalize. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.program_variables import ProgramVariables

        project_id = self.project_id

        program_id = self.program_id

        program_name = self.program_name

        program_description: None | str | Unset
        if isinstance(self.program_description, Unset):
            program_description = UNSET
        else:
            program_description = self.program_description

        program_variables: dict[str, Any] | None | Unset
        if isinstance(self.program_variables, Unset):
            program_variables = UNSET
        elif isinstance(self.program_variables, ProgramVariables):
            program_variables = self.program_variables.to_dict()
        else:
            program_variables = self.program_variables

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "projectId": project_id,
                "programId": program_id,
                "programName": program_name,
            }
        )
        if program_description is not UNSET:
            field_dict["programDescription"] = program_description
        if program_variables is not UNSET:
            field_dict["programVariables"] = program_variables

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.program_variables import ProgramVariables

        d = dict(src_dict)
        project_id = d.pop("projectId")

        program_id = d.pop("programId")

        program_name = d.pop("programName")

        def _parse_program_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        program_description = _parse_program_description(d.pop("programDescription", UNSET))

        def _parse_program_variables(data: object) -> None | ProgramVariables | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                program_variables_type_0 = ProgramVariables.from_dict(data)

                return program_variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramVariables | Unset, data)

        program_variables = _parse_program_variables(d.pop("programVariables", UNSET))

        lead_program = cls(
            project_id=project_id,
            program_id=program_id,
            program_name=program_name,
            program_description=program_description,
            program_variables=program_variables,
        )

        lead_program.additional_properties = d
        return lead_program

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
