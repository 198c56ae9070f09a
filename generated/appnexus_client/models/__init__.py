"""Contains all the data models used in inputs/outputs"""

from .auth_envelope import AuthEnvelope
from .auth_request import AuthRequest
from .auth_request_auth import AuthRequestAuth
from .auth_response import AuthResponse
from .creative import Creative
from .creative_envelope import CreativeEnvelope
from .creative_fields import CreativeFields
from .creative_fields_template import CreativeFieldsTemplate
from .creative_input import CreativeInput
from .creative_list import CreativeList
from .creative_list_envelope import CreativeListEnvelope
from .creative_write import CreativeWrite
from .error_envelope import ErrorEnvelope
from .error_envelope_response import ErrorEnvelopeResponse
from .status_envelope import StatusEnvelope
from .status_envelope_response import StatusEnvelopeResponse

__all__ = (
    "AuthEnvelope",
    "AuthRequest",
    "AuthRequestAuth",
    "AuthResponse",
    "Creative",
    "CreativeEnvelope",
    "CreativeFields",
    "CreativeFieldsTemplate",
    "CreativeInput",
    "CreativeList",
    "CreativeListEnvelope",
    "CreativeWrite",
    "ErrorEnvelope",
    "ErrorEnvelopeResponse",
    "StatusEnvelope",
    "StatusEnvelopeResponse",
)
