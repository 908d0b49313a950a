from .pages import EventIndexPage, EventKind, EventPage, EventSpeaker
from .questions import RegistrationQuestion
from .registrations import Feedback, Registration, new_ticket_code

__all__ = [
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventSpeaker",
    "Feedback",
    "Registration",
    "RegistrationQuestion",
    "new_ticket_code",
]
