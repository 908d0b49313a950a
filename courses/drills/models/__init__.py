from .checkups import SelfCheckAnswer, SelfCheckResult
from .pages import DrillChoice, DrillIndexPage, DrillPage, DrillStep, SelfCheckPage
from .runs import DrillAnswer, DrillRun

__all__ = [
    "DrillAnswer",
    "DrillChoice",
    "DrillIndexPage",
    "DrillPage",
    "DrillRun",
    "DrillStep",
    "SelfCheckAnswer",
    "SelfCheckPage",
    "SelfCheckResult",
]
