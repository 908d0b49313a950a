from .checkups import SelfCheckAnswer, SelfCheckResult
from .pages import DrillIndexPage, DrillPage, SelfCheckPage
from .runs import DrillAnswer, DrillRun
from .steps import DrillChoice, DrillStep

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
