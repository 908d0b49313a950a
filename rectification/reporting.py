"""合规整改报告: a frozen snapshot of the plan's facts, its SHA-256 over canonical JSON, the XLSX drawn
from it, and verification of a code against the stored snapshot."""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import display_name
from accounts.training import hours_for
from core.emails import absolute_url
from core.exports import Column, Sheet, workbook_response

from .access import can_manage
from .models import IssuedReport, PlanEvent, ReCheck, Task


def _date(value):
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""


def _level(plan, prefix):
    grade = getattr(plan, f"get_{prefix}_grade_display")()
    percent = getattr(plan, f"{prefix}_percent")
    return {
        "grade": str(grade) if getattr(plan, f"{prefix}_grade") else "",
        "percent": str(percent) if percent is not None else "",
        "red": getattr(plan, f"{prefix}_red"),
        "yellow": getattr(plan, f"{prefix}_yellow"),
    }


def build_snapshot(plan):
    """Every fact the report prints, as plain JSON; a fixed number of queries however many tasks."""
    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("owner__profile", "risk_area")
        .prefetch_related("evidence")
        .order_by("position")
    )
    closing_notes = {}
    for event in (
        PlanEvent.objects.filter(plan=plan, kind=PlanEvent.Kind.STATUS)
        .exclude(text="", message="")
        .order_by("created_at", "pk")
    ):
        closing_notes[event.task_id] = event.summary  # the latest note on each task
    owners = {task.owner for task in tasks if task.owner is not None}
    # 学时 from the one hours service: course credit hours on completion plus event check-ins.
    training = hours_for(owner.pk for owner in owners)
    rechecks = ReCheck.objects.filter(plan=plan).order_by("created_at", "pk")
    return {
        "enterprise": plan.enterprise.name,
        "credit_code": plan.enterprise.credit_code,
        "plan": plan.title,
        "industry": plan.industry.name if plan.industry else "",
        "created": _date(plan.created_at),
        "closed": _date(plan.closed_at),
        "status": str(plan.get_status_display()),
        "before": _level(plan, "before"),
        "after": _level(plan, "after") if plan.after_red is not None else None,
        "tasks": [
            {
                "position": task.position,
                "title": task.title,
                "level": str(task.get_level_display()),
                "risk_area": task.risk_area.name if task.risk_area else "",
                "question": task.question,
                "answer": task.answer,
                "legal_basis": task.legal_basis,
                "remedy": task.remedy,
                "status": str(task.get_status_display()),
                "owner": display_name(task.owner) if task.owner else "",
                "due": task.due_date.isoformat(),
                "completed": _date(task.completed_at),
                "done": task.not_applicable_reason or closing_notes.get(task.pk, ""),
                "after_level": str(task.get_after_level_display()) if task.after_level else "",
                "evidence": [
                    {"name": e.original_name, "sha256": e.sha256, "uploaded": _date(e.uploaded_at)}
                    for e in task.evidence.all()
                ],
            }
            for task in tasks
        ],
        "rechecks": [
            {
                "date": _date(check.created_at),
                "scope": str(check.get_scope_display()),
                "before_red": check.before_red,
                "before_yellow": check.before_yellow,
                "after_red": check.after_red,
                "after_yellow": check.after_yellow,
                "pass_rate": "" if check.pass_rate is None else f"{check.pass_rate}%",
                "grade": str(check.get_grade_display()) if check.grade else "",
            }
            for check in rechecks
        ],
        "training": sorted(
            (
                {
                    "person": display_name(owner),
                    "hours": str(training[owner.pk].total),
                    "course_hours": str(training[owner.pk].courses),
                    "event_hours": str(training[owner.pk].events),
                }
                for owner in owners
            ),
            key=lambda row: row["person"],
        ),
    }


def content_hash(snapshot):
    canonical = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def issue_report(plan, membership):
    if not can_manage(plan, membership):
        raise PermissionDenied(_("只有合规专员或计划创建人可以出具整改报告。"))
    if not plan.tasks.exists():
        raise ValidationError(_("整改计划没有任务，无法出具报告。"))
    snapshot = build_snapshot(plan)
    with transaction.atomic():
        report = IssuedReport.objects.create(
            plan=plan, issued_by=membership.user, snapshot=snapshot, content_hash=content_hash(snapshot)
        )
        PlanEvent.objects.create(
            plan=plan,
            actor=membership.user,
            kind=PlanEvent.Kind.REPORT,
            message="report",
            params={"code": report.code},
        )
    return report


def verification_url(report):
    """The public verification page of ``report`` on SITE_URL: the address its PDF prints."""
    return absolute_url(report.get_absolute_url())


def verify(code):
    """(report, genuine): genuine when the stored snapshot still hashes to the printed digest."""
    report = IssuedReport.objects.select_related("plan").filter(code=code).first()
    if report is None:
        return None, False
    return report, report.withdrawn_at is None and content_hash(report.snapshot) == report.content_hash


def xlsx_response(report):
    snap = report.snapshot

    def level(facts):
        return _("%(grade)s 红灯 %(red)s、黄灯 %(yellow)s") % facts if facts else "—"

    facts = [
        (_("企业"), snap["enterprise"]),
        (_("统一社会信用代码"), snap["credit_code"]),
        (_("整改计划"), snap["plan"]),
        (_("创建时间"), snap["created"]),
        (_("完成时间"), snap["closed"]),
        (_("整改前"), level(snap["before"])),
        (_("复查后"), level(snap["after"])),
        (_("出具时间"), _date(report.issued_at)),
        (_("验证码"), report.code),
        (_("内容摘要（SHA-256）"), report.content_hash),
    ]
    task_keys = ("position", "title", "level", "risk_area", "legal_basis", "owner", "due", "completed")
    task_keys += ("status", "done", "after_level")
    task_headings = (_("序号"), _("整改事项"), _("问题等级"), _("风险领域"), _("法律依据"), _("责任人"))
    task_headings += (_("整改期限"), _("完成时间"), _("状态"), _("整改情况"), _("复查结果"))
    evidence = [
        (t["position"], t["title"], e["name"], e["uploaded"], e["sha256"])
        for t in snap["tasks"]
        for e in t["evidence"]
    ]
    sheets = [
        Sheet(_("报告"), [Column(_("项目"), width=22), Column(_("内容"), width=70)], facts),
        Sheet(
            _("整改事项"),
            [Column(h) for h in task_headings],
            [tuple(t[k] for k in task_keys) for t in snap["tasks"]],
        ),
        Sheet(
            _("证明材料"),
            [Column(h) for h in (_("序号"), _("整改事项"), _("文件名"), _("上传时间"), "SHA-256")],
            evidence,
        ),
        Sheet(
            _("培训学时"),
            [Column(_("人员")), Column(_("培训学时")), Column(_("课程学时")), Column(_("活动学时"))],
            [
                (r["person"], r["hours"], r.get("course_hours", ""), r.get("event_hours", ""))
                for r in snap["training"]
            ],
        ),
    ]
    return workbook_response(
        f"rectification-report-{report.code[:8]}", sheets, title=f"{_('合规整改报告')}-{snap['plan']}"
    )
