"""风险研判: findings aggregated per industry × risk area and per month, beside the casebook.

Only aggregates over at least ``MIN_FIRMS`` firms are shown: a cell (or a month) drawn from fewer
firms is suppressed, so no single firm can be picked out. Every figure comes from a fixed number
of queries, however many plans and tasks there are.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import median

from django.utils import timezone

from courses.drills.scoring import Level
from library.models import CasePage

from .models import Task

MIN_FIRMS = 5
TOP_ITEMS = 3
OPEN = (*Task.OPEN_STATUSES, Task.Status.REVIEW)


@dataclass
class Cell:
    industry: str
    risk_area: str
    firms: set = field(default_factory=set)
    red_open_firms: set = field(default_factory=set)
    findings: int = 0
    red_open: int = 0
    failed_items: Counter = field(default_factory=Counter)
    days: list = field(default_factory=list)
    cases: list = field(default_factory=list)

    @property
    def firm_count(self):
        return len(self.firms)

    @property
    def red_open_firm_count(self):
        return len(self.red_open_firms)

    @property
    def median_days(self):
        return round(median(self.days), 1) if self.days else None

    @property
    def top_items(self):
        return "；".join(f"{title}({n})" for title, n in self.failed_items.most_common(TOP_ITEMS))

    @property
    def case_titles(self):
        return "；".join(self.cases)

    @property
    def heat(self):
        """Share of the cell's firms with an open red finding, 0–100."""
        return round(100 * self.red_open_firm_count / self.firm_count) if self.firm_count else 0

    @property
    def heat_alpha(self):
        """The heat map cell's red, from pale (none) to strong (every firm)."""
        return f"{0.08 + 0.72 * self.heat / 100:.2f}"


@dataclass
class Month:
    month: str
    firms: set = field(default_factory=set)
    findings: int = 0
    red: int = 0
    done: int = 0

    @property
    def firm_count(self):
        return None if self.firms is None else len(self.firms)

    def __post_init__(self):
        if self.firms is None:  # suppressed: fewer than MIN_FIRMS firms
            self.findings = self.red = self.done = None


def _tasks(tasks=None):
    tasks = Task.objects.all() if tasks is None else tasks
    return tasks.filter(plan__industry__isnull=False).values_list(
        "plan__industry__name",
        "risk_area__name",
        "plan__enterprise_id",
        "level",
        "status",
        "title",
        "plan__created_at",
        "completed_at",
    )


def cells(min_firms=MIN_FIRMS, tasks=None):
    """Industry × risk area cells over at least ``min_firms`` firms, hottest first (two queries).

    ``tasks`` narrows the picture to whole industries or risk areas (a filter that selects cells):
    each cell shown is the same as in the whole picture, so comparing views reveals nothing more."""
    table = {}
    for industry, area, firm, level, status, title, created, completed in _tasks(tasks):
        key = (industry, area or "—")
        cell = table.get(key) or table.setdefault(key, Cell(industry, area or "—"))
        cell.firms.add(firm)
        cell.findings += 1
        cell.failed_items[title] += 1
        if level == Level.RED and status in OPEN:
            cell.red_open += 1
            cell.red_open_firms.add(firm)
        if status == Task.Status.DONE and completed:
            cell.days.append(max((completed - created).total_seconds(), 0) / 86400)
    shown = [cell for cell in table.values() if cell.firm_count >= min_firms]
    wanted = {(cell.industry, cell.risk_area): cell for cell in shown}
    if wanted:
        for industry, area, title in (
            CasePage.objects.live()
            .filter(industry__name__in={c.industry for c in shown})
            .values_list("industry__name", "guideline_items__risk_area__name", "title")
            .order_by("-year", "title")
        ):
            cell = wanted.get((industry, area))
            if cell is not None and title not in cell.cases:
                cell.cases.append(title)
    return sorted(shown, key=lambda c: (-c.heat, -c.red_open_firm_count, c.industry, c.risk_area))


def months(count=12, min_firms=MIN_FIRMS, today=None, industry=None):
    """The last ``count`` months, newest first: firms, findings, red findings and tasks done; a month
    drawn from fewer than ``min_firms`` firms is suppressed (None).

    For one ``industry``, a month is also suppressed when the firms of the other industries that month
    number between one and ``min_firms - 1``: the whole district's month minus this industry's would
    otherwise show those few firms' figures."""
    today = today or timezone.localdate()
    keys = []
    year, month = today.year, today.month
    for _ in range(count):
        keys.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    table = {key: Month(key) for key in keys}
    others = {key: set() for key in keys}
    oldest = keys[-1]
    start = dt.datetime(int(oldest[:4]), int(oldest[5:]), 1, tzinfo=timezone.get_current_timezone())
    rows = Task.objects.filter(plan__industry__isnull=False, plan__created_at__gte=start).values_list(
        "plan__industry_id", "plan__enterprise_id", "level", "status", "plan__created_at"
    )
    for industry_id, firm, level, status, created in rows:
        key = timezone.localtime(created).strftime("%Y-%m")
        if key not in table:
            continue
        if industry is not None and industry_id != industry.pk:
            others[key].add(firm)
            continue
        row = table[key]
        row.firms.add(firm)
        row.findings += 1
        row.red += level == Level.RED
        row.done += status == Task.Status.DONE

    def shown(key):
        rest = len(others[key] - table[key].firms)
        return table[key].firm_count >= min_firms and not 0 < rest < min_firms

    return [(key, table[key] if shown(key) else None) for key in keys]


def heat_map(shown):
    """(industries, risk areas, {(industry, area): cell}) for the heat map table."""
    industries = sorted({cell.industry for cell in shown})
    areas = sorted({cell.risk_area for cell in shown})
    grid = defaultdict(dict)
    for cell in shown:
        grid[cell.industry][cell.risk_area] = cell
    return (
        industries,
        areas,
        [(industry, [grid[industry].get(area) for area in areas]) for industry in industries],
    )
