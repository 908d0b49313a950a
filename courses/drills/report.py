"""The graded report (全方位考评配套针对性指导) shared by drill runs and self-checks.

``build_report`` is a plain function over findings; ``report_for_run`` /
``report_for_self_check`` / ``report_for_answers`` gather the findings and the
study guidance (cases, courses) from the database with a bounded number of
queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scoring import LEVEL_ORDER, Grade, Level, grade_for, percent

GRADE_SUMMARIES = {
    Grade.EXCELLENT: _("合规管理扎实，检查中未发现实质性问题。请保持制度的日常运行，并关注法规更新。"),
    Grade.GOOD: _("整体合规，但存在需要改进的薄弱环节。建议对照下列黄灯问题逐项完善。"),
    Grade.PASS: _("基本达到监管底线，仍有较多问题可能在真实检查中被责令改正或处罚，请尽快整改。"),
    Grade.RECTIFY: _(
        "存在红线问题或重大缺陷，真实检查中可能面临行政处罚甚至刑事追究。请立即对照指引整改，并寻求专业法律意见。"
    ),
}

MAX_GUIDANCE_ITEMS = 8
MAX_CASES = 5
MAX_COURSES = 4


@dataclass
class ItemRef:
    """What a report needs to know of one guideline item (a snapshot, safe to render anywhere)."""

    pk: int
    title: str
    level: str
    level_label: str
    legal_basis: str = ""
    consequence: str = ""
    remedy: str = ""
    risk_area: str = ""
    flexible_category: str = ""
    flexible_label: str = ""
    flexible_conditions: str = ""
    url: str = ""

    @classmethod
    def from_item(cls, item):
        return cls(
            pk=item.pk,
            title=item.title,
            level=item.level,
            level_label=str(item.get_level_display()),
            legal_basis=item.legal_basis,
            consequence=item.consequence,
            remedy=item.remedy,
            risk_area=item.risk_area.name if item.risk_area_id else "",
            flexible_category=item.flexible_category,
            flexible_label=str(item.get_flexible_category_display()) if item.flexible_category else "",
            flexible_conditions=item.flexible_conditions,
            url=item.get_absolute_url() if item.page.live else "",
        )


@dataclass
class Finding:
    """One graded answer: a drill step or a self-check question."""

    position: int
    section: str
    question: str
    answer: str
    level: str
    score: int
    max_score: int
    feedback: str = ""
    items: list = field(default_factory=list)
    prompt: str = ""  # the inspector's words, for drill steps

    @property
    def level_label(self):
        return Level(self.level).label

    @property
    def lost(self):
        return self.max_score - self.score

    @property
    def is_issue(self):
        return self.level != Level.GREEN


@dataclass
class LinkRef:
    title: str
    url: str
    summary: str = ""


@dataclass
class Report:
    kind: str  # "drill" or "self_check"
    title: str
    subject: str
    date: object
    findings: list
    score: int = 0
    max_score: int = 0
    percent: object = None
    grade: str = ""
    cases: list = field(default_factory=list)
    courses: list = field(default_factory=list)

    @property
    def grade_label(self):
        return Grade(self.grade).label if self.grade else "—"

    @property
    def grade_summary(self):
        return GRADE_SUMMARIES.get(self.grade, "")

    def by_level(self, level):
        return [f for f in self.findings if f.level == level]

    @property
    def red(self):
        return self.by_level(Level.RED)

    @property
    def yellow(self):
        return self.by_level(Level.YELLOW)

    @property
    def green(self):
        return self.by_level(Level.GREEN)

    @property
    def issues(self):
        """Red then yellow findings, the costliest first."""
        return sorted(
            (f for f in self.findings if f.is_issue),
            key=lambda f: (LEVEL_ORDER[f.level], -f.lost, f.position),
        )

    def _issue_items(self):
        seen = {}
        for finding in self.issues:
            for item in finding.items:
                seen.setdefault(item.pk, item)
        return list(seen.values())

    @property
    def consequences(self):
        """The legal consequence a real inspection would bring, per guideline item behind an issue."""
        return [item for item in self._issue_items() if item.consequence]

    @property
    def flexible(self):
        """Issue items where a 4+X flexible-enforcement category could apply."""
        return [item for item in self._issue_items() if item.flexible_category]

    @property
    def guidance(self):
        """Guideline items to study next: those behind the issues, the most serious first."""
        return self._issue_items()[:MAX_GUIDANCE_ITEMS]


def build_report(kind, title, subject, findings, date=None, cases=(), courses=()):
    """Total, percentage and grade from the findings (server-side figures only)."""
    findings = sorted(findings, key=lambda f: f.position)
    score = sum(f.score for f in findings)
    max_score = sum(f.max_score for f in findings)
    pct = percent(score, max_score)
    red = sum(1 for f in findings if f.level == Level.RED)
    return Report(
        kind=kind,
        title=title,
        subject=subject,
        date=date or timezone.now(),
        findings=findings,
        score=score,
        max_score=max_score,
        percent=pct,
        grade=grade_for(pct, red),
        cases=list(cases),
        courses=list(courses),
    )


def _guideline_item_queryset():
    from library.models import GuidelineItem

    return GuidelineItem.objects.select_related("page", "risk_area")


def guidance_for(report, industry, linked_courses=()):
    """Fill ``report.cases`` and ``report.courses``: the cases behind its issues and courses to take."""
    from courses.models import CoursePage
    from library.models import CasePage

    item_pks = [item.pk for item in report.guidance]
    cases = []
    if item_pks:
        cases = list(
            CasePage.objects.live()
            .public()
            .filter(guideline_items__in=item_pks)
            .annotate(matches=Count("guideline_items"))
            .order_by("-matches", "-year", "title")[:MAX_CASES]
        )
    if not cases and industry is not None and report.issues:
        cases = list(CasePage.objects.live().public().filter(industry=industry).order_by("-year")[:3])
    report.cases = [LinkRef(case.title, case.url, case.summary) for case in cases]

    courses = [course for course in linked_courses if course.live][:MAX_COURSES]
    if industry is not None and len(courses) < MAX_COURSES:
        more = (
            CoursePage.objects.live()
            .public()
            .filter(industries=industry)
            .exclude(pk__in=[c.pk for c in courses])
            .order_by("-first_published_at")[: MAX_COURSES - len(courses)]
        )
        courses += list(more)
    report.courses = [LinkRef(course.title, course.url, course.summary) for course in courses]
    return report


def report_for_run(run):
    """The report of a finished (or partly finished) drill run."""
    from .models.runs import DrillAnswer

    answers = (
        DrillAnswer.objects.filter(run=run)
        .order_by("position")
        .prefetch_related(Prefetch("guideline_items", queryset=_guideline_item_queryset()))
    )
    findings = [
        Finding(
            position=answer.position,
            section=answer.get_phase_display(),
            question=answer.step_title,
            prompt=answer.question,
            answer=answer.choice_text,
            level=answer.level,
            score=answer.score,
            max_score=answer.max_score,
            feedback=answer.feedback,
            items=[ItemRef.from_item(item) for item in answer.guideline_items.all()],
        )
        for answer in answers
    ]
    scenario = run.scenario
    subject = scenario.firm_name or scenario.title
    report = build_report("drill", scenario.title, subject, findings, date=run.finished_at or run.updated_at)
    return guidance_for(report, scenario.industry, scenario.related_courses.all())


def report_for_self_check(result):
    """The report of a saved self-check."""
    answers = result.answers.order_by("position").select_related("item__page", "item__risk_area")
    findings = [
        _self_check_finding(
            a.position, a.item, a.item_title, a.item_level, a.section, a.answer, a.level, a.score, a.max_score
        )
        for a in answers
    ]
    title = result.page.title if result.page_id else result.title
    report = build_report("self_check", title, result.subject, findings, date=result.created_at)
    return guidance_for(report, result.industry)


def report_for_answers(page, graded, subject=""):
    """The report of an unsaved self-check: ``graded`` comes from ``checkup.grade_answers``."""
    findings = [
        _self_check_finding(
            g.position, g.item, g.item.title, g.item.level, g.section, g.answer, g.level, g.score, g.max_score
        )
        for g in graded
    ]
    subject = subject or _("%(industry)s行业企业") % {"industry": page.industry.name}
    report = build_report("self_check", page.title, subject, findings)
    return guidance_for(report, page.industry)


def _self_check_finding(position, item, title, item_level, section, answer, level, score, max_score):
    from .scoring import Answer

    return Finding(
        position=position,
        section=section,
        question=title,
        answer=str(Answer(answer).label),
        level=level,
        score=score,
        max_score=max_score,
        feedback=item.remedy if item is not None and level != Level.GREEN else "",
        items=[ItemRef.from_item(item)] if item is not None else [],
    )
