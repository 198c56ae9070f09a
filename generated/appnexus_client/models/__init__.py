"""Contains all the data models used in inputs/outputs"""

from .auth_envelope import AuthEnvelope
from .auth_request import AuthRequest
from .auth_response import AuthResponse
from .creative import Creative
from .creative_create_request import CreativeCreateRequest
from .creative_envelope import CreativeEnvelope
from .creative_fields import CreativeFields
from .creative_list import CreativeList
from .creative_list_envelope import CreativeListEnvelope
from .creative_response import CreativeResponse
from .creative_update_request import CreativeUpdateRequest
from .credentials import Credentials
from .error import Error
from .error_envelope import ErrorEnvelope
from .field_meta import FieldMeta
from .meta_envelope import MetaEnvelope
from .meta_response import MetaResponse
from .meta_response_fields import MetaResponseFields
from .status_envelope import StatusEnvelope
from .status_response import StatusResponse

__all__ = (
    "AuthEnvelope",
    "AuthRequest",
    "AuthResponse",
    "Creative",
    "CreativeCreateRequest",
    "CreativeEnvelope",
    "CreativeFields",
    "CreativeList",
    "CreativeListEnvelope",
    "CreativeResponse",
    "CreativeUpdateRequest",
    "Credentials",
    "Error",
    "ErrorEnvelope",
    "FieldMeta",
    "MetaEnvelope",
    "MetaResponse",
    "MetaResponseFields",
    "StatusEnvelope",
    "StatusResponse",
)
