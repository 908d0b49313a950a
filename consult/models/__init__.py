from .desk import ConsultSettings, Department, PublicHoliday
from .request import (
    Attachment,
    AuditEntry,
    Complexity,
    ConsultationRequest,
    DeadlineNotice,
    Message,
    Rating,
    Stage,
    Status,
    Transfer,
)

__all__ = [
    "Attachment",
    "AuditEntry",
    "Complexity",
    "ConsultSettings",
    "ConsultationRequest",
    "DeadlineNotice",
    "Department",
    "Message",
    "PublicHoliday",
    "Rating",
    "Stage",
    "Status",
    "Transfer",
]
