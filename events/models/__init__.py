from .pages import EventIndexPage, EventKind, EventOrganiser, EventPage, EventSpeaker
from .questions import RegistrationQuestion
from .registrations import AttendeeMessage, AttendeeMessageDelivery, Feedback, Registration, new_ticket_code

__all__ = [
    "AttendeeMessage",
    "AttendeeMessageDelivery",
    "EventIndexPage",
    "EventKind",
    "EventOrganiser",
    "EventPage",
    "EventSpeaker",
    "Feedback",
    "Registration",
    "RegistrationQuestion",
    "new_ticket_code",
]
