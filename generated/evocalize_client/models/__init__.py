"""Contains all the data models used in inputs/outputs"""

from .access_record import AccessRecord
from .access_record_envelope import AccessRecordEnvelope
from .access_record_filter import AccessRecordFilter
from .access_record_input import AccessRecordInput
from .access_record_page import AccessRecordPage
from .access_records_deleted import AccessRecordsDeleted
from .access_records_deleted_envelope import AccessRecordsDeletedEnvelope
from .access_role import AccessRole
from .api_error import ApiError
from .api_error_details import ApiErrorDetails
from .audience import Audience
from .audience_csv_upload import AudienceCsvUpload
from .audience_placeholder import AudiencePlaceholder
from .audience_placeholder_envelope import AudiencePlaceholderEnvelope
from .audience_placeholder_input import AudiencePlaceholderInput
from .audience_placeholder_list import AudiencePlaceholderList
from .audience_placeholder_page import AudiencePlaceholderPage
from .batch_input_object import BatchInputObject
from .batch_item_error import BatchItemError
from .batch_item_error_page import BatchItemErrorPage
from .batch_report import BatchReport
from .batch_report_envelope import BatchReportEnvelope
from .cancelled_order import CancelledOrder
from .cancelled_order_envelope import CancelledOrderEnvelope
from .content_grant_batch import ContentGrantBatch
from .content_grant_batch_entry import ContentGrantBatchEntry
from .content_grant_input import ContentGrantInput
from .content_item import ContentItem
from .content_item_envelope import ContentItemEnvelope
from .content_item_input import ContentItemInput
from .content_item_values import ContentItemValues
from .disclaimer_response import DisclaimerResponse
from .error_envelope import ErrorEnvelope
from .facebook_lead import FacebookLead
from .facebook_lead_summary import FacebookLeadSummary
from .facebook_page import FacebookPage
from .facebook_page_page import FacebookPagePage
from .google_lead import GoogleLead
from .google_lead_summary import GoogleLeadSummary
from .grant import Grant
from .grant_envelope import GrantEnvelope
from .grant_input import GrantInput
from .grantee import Grantee
from .grantee_filter import GranteeFilter
from .grantee_group_role import GranteeGroupRole
from .grantee_input import GranteeInput
from .grantee_type import GranteeType
from .grants import Grants
from .grants_deleted import GrantsDeleted
from .grants_deleted_envelope import GrantsDeletedEnvelope
from .grants_envelope import GrantsEnvelope
from .grants_input import GrantsInput
from .grants_page import GrantsPage
from .group import Group
from .group_envelope import GroupEnvelope
from .group_input import GroupInput
from .group_page import GroupPage
from .group_role import GroupRole
from .lead import Lead
from .lead_concierge_data import LeadConciergeData
from .lead_concierge_event import LeadConciergeEvent
from .lead_content_field import LeadContentField
from .lead_form_answer import LeadFormAnswer
from .lead_order import LeadOrder
from .lead_order_item import LeadOrderItem
from .lead_program import LeadProgram
from .leads_delivery import LeadsDelivery
from .media import Media
from .media_envelope import MediaEnvelope
from .media_input import MediaInput
from .media_page import MediaPage
from .media_type import MediaType
from .metadata import Metadata
from .order import Order
from .order_edit import OrderEdit
from .order_envelope import OrderEnvelope
from .order_schedule import OrderSchedule
from .paged_grants import PagedGrants
from .permission import Permission
from .program_variables import ProgramVariables
from .provided_audience_channel import ProvidedAudienceChannel
from .provided_audience_input import ProvidedAudienceInput
from .purchase_order_input import PurchaseOrderInput
from .purchase_schedule import PurchaseSchedule
from .refund_preview import RefundPreview
from .refund_preview_envelope import RefundPreviewEnvelope
from .report_reference import ReportReference
from .report_reference_envelope import ReportReferenceEnvelope
from .repository import Repository
from .repository_envelope import RepositoryEnvelope
from .repository_field import RepositoryField
from .repository_list import RepositoryList
from .schedule_edit import ScheduleEdit
from .subscription_details import SubscriptionDetails
from .subscription_order_input import SubscriptionOrderInput
from .subscription_schedule import SubscriptionSchedule
from .tik_tok_lead import TikTokLead
from .tik_tok_lead_summary import TikTokLeadSummary
from .user import User
from .user_envelope import UserEnvelope
from .user_group_association import UserGroupAssociation
from .user_group_membership import UserGroupMembership
from .user_input import UserInput
from .user_page import UserPage
from .variable_values import VariableValues

__all__ = (
    "AccessRecord",
    "AccessRecordEnvelope",
    "AccessRecordFilter",
    "AccessRecordInput",
    "AccessRecordPage",
    "AccessRecordsDeleted",
    "AccessRecordsDeletedEnvelope",
    "AccessRole",
    "ApiError",
    "ApiErrorDetails",
    "Audience",
    "AudienceCsvUpload",
    "AudiencePlaceholder",
    "AudiencePlaceholderEnvelope",
    "AudiencePlaceholderInput",
    "AudiencePlaceholderList",
    "AudiencePlaceholderPage",
    "BatchInputObject",
    "BatchItemError",
    "BatchItemErrorPage",
    "BatchReport",
    "BatchReportEnvelope",
    "CancelledOrder",
    "CancelledOrderEnvelope",
    "ContentGrantBatch",
    "ContentGrantBatchEntry",
    "ContentGrantInput",
    "ContentItem",
    "ContentItemEnvelope",
    "ContentItemInput",
    "ContentItemValues",
    "DisclaimerResponse",
    "ErrorEnvelope",
    "FacebookLead",
    "FacebookLeadSummary",
    "FacebookPage",
    "FacebookPagePage",
    "GoogleLead",
    "GoogleLeadSummary",
    "Grant",
    "GrantEnvelope",
    "GrantInput",
    "Grantee",
    "GranteeFilter",
    "GranteeGroupRole",
    "GranteeInput",
    "GranteeType",
    "Grants",
    "GrantsDeleted",
    "GrantsDeletedEnvelope",
    "GrantsEnvelope",
    "GrantsInput",
    "GrantsPage",
    "Group",
    "GroupEnvelope",
    "GroupInput",
    "GroupPage",
    "GroupRole",
    "Lead",
    "LeadConciergeData",
    "LeadConciergeEvent",
    "LeadContentField",
    "LeadFormAnswer",
    "LeadOrder",
    "LeadOrderItem",
    "LeadProgram",
    "LeadsDelivery",
    "Media",
    "MediaEnvelope",
    "MediaInput",
    "MediaPage",
    "MediaType",
    "Metadata",
    "Order",
    "OrderEdit",
    "OrderEnvelope",
    "OrderSchedule",
    "PagedGrants",
    "Permission",
    "ProgramVariables",
    "ProvidedAudienceChannel",
    "ProvidedAudienceInput",
    "PurchaseOrderInput",
    "PurchaseSchedule",
    "RefundPreview",
    "RefundPreviewEnvelope",
    "ReportReference",
    "ReportReferenceEnvelope",
    "Repository",
    "RepositoryEnvelope",
    "RepositoryField",
    "RepositoryList",
    "ScheduleEdit",
    "SubscriptionDetails",
    "SubscriptionOrderInput",
    "SubscriptionSchedule",
    "TikTokLead",
    "TikTokLeadSummary",
    "User",
    "UserEnvelope",
    "UserGroupAssociation",
    "UserGroupMembership",
    "UserInput",
    "UserPage",
    "VariableValues",
)
