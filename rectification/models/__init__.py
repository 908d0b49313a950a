from .plans import Evidence, Plan, PlanEvent, ReCheck, Reminder, Task
from .reports import IssuedReport
from .sharing import Share, ShareAccess

__all__ = [
    "Evidence",
    "IssuedReport",
    "Plan",
    "PlanEvent",
    "ReCheck",
    "Reminder",
    "Share",
    "ShareAccess",
    "Task",
]
