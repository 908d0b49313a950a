"""Thin views under /me/rectification/ over services.py, recheck.py and reporting.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services import membership_of
from core import qr
from core.emails import absolute_url
from core.files import serve_file
from courses.drills.checkup import SelfCheckForm
from courses.drills.models import DrillRun, SelfCheckResult
from courses.models import CoursePage

from . import recheck as recheck_service
from . import reporting, services, sharing
from .access import can_manage, plan_for, task_for, visible_plans, visible_tasks
from .forms import AssignForm, EvidenceForm, NoteForm, ReCheckScopeForm, ShareForm, StatusForm
from .learning import course_states
from .models import Evidence, IssuedReport, ReCheck, Share, Task

PAGE_SIZE = 20
TASK_PAGE_SIZE = 50
HISTORY_ON_PLAN = 20
SHARED_REPORTS = 10  # the latest reports on a shared plan; a plan is rarely reported more often


def _errors(exc):
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _task_queryset():
    return Task.objects.select_related("owner__profile", "risk_area").prefetch_related(
        Prefetch(
            "courses", queryset=CoursePage.objects.live().only("pk", "title", "url_path", "depth", "path")
        ),
        "cases",
        "evidence",
    )


@login_required
def plan_list(request):
    """The officer's overview of every plan (progress, overdue); staff see the plans holding their tasks."""
    membership = membership_of(request.user)
    if membership is None:
        return TemplateResponse(request, "rectification/no_enterprise.html", status=200)
    plans = services.with_progress(visible_plans(membership)).select_related(
        "industry", "created_by__profile"
    )
    status = request.GET.get("status", "")
    if status in ("open", "closed"):
        plans = plans.filter(status=status)
    page_obj = Paginator(plans.order_by("status", "-created_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    my_tasks = (
        Task.objects.filter(owner=request.user, plan__enterprise_id=membership.enterprise_id)
        .exclude(status__in=Task.CLOSED_STATUSES)
        .select_related("plan")
        .order_by("due_date", "pk")[:50]
    )
    checks, runs = services.eligible_reports(membership)
    return TemplateResponse(
        request,
        "rectification/plan_list.html",
        {
            "membership": membership,
            "page_obj": page_obj,
            "plans": [(plan, services.progress_percent(plan)) for plan in page_obj.object_list],
            "status": status,
            "my_tasks": list(my_tasks),
            "eligible_checks": list(checks[:10]),
            "eligible_runs": list(runs[:10]),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def plan_create(request):
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    kind, pk = request.POST.get("source", ""), request.POST.get("pk", "")
    if not pk.isdigit() or kind not in ("self_check", "drill"):
        messages.error(request, _("请选择一份体检或演练报告。"))
        return redirect("rectification:plans")
    same_firm = {"user__membership__enterprise_id": membership.enterprise_id}
    if kind == "self_check":
        source = SelfCheckResult.objects.filter(pk=pk, **same_firm).select_related("industry", "page").first()
        arguments = {"self_check": source}
    else:
        source = DrillRun.objects.filter(pk=pk, **same_firm).select_related("scenario__industry").first()
        arguments = {"drill_run": source}
    if source is None:
        raise Http404
    try:
        plan, created = services.create_plan(request.user, **arguments)
    except PermissionDenied as exc:
        messages.error(request, _errors(exc))
        return redirect("rectification:plans")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("rectification:plans")
    if created:
        messages.success(request, _("整改计划已创建，请为每项任务指派责任人。"))
    else:
        messages.info(request, _("该报告已有整改计划。"))
    return redirect(plan.get_absolute_url())


@login_required
def plan_detail(request, pk):
    plan, membership = plan_for(request, pk)
    manager = can_manage(plan, membership)
    tasks = visible_tasks(plan, membership)
    status = request.GET.get("status", "")
    if status in Task.Status.values:
        tasks = tasks.filter(status=status)
    page_obj = Paginator(
        _task_queryset().filter(pk__in=tasks.values("pk")).order_by("position"), TASK_PAGE_SIZE
    )
    page_obj = page_obj.get_page(request.GET.get("page"))
    task_list = list(page_obj.object_list)
    states = course_states(task_list)
    counts = services.with_progress(type(plan).objects.filter(pk=plan.pk)).get()
    events = list(
        plan.events.select_related("actor__profile", "task").order_by("-created_at", "-pk")[:HISTORY_ON_PLAN]
    )
    return TemplateResponse(
        request,
        "rectification/plan_detail.html",
        {
            "plan": plan,
            "membership": membership,
            "manager": manager,
            "page_obj": page_obj,
            "rows": [(task, states[task.pk]) for task in task_list],
            "status": status,
            "statuses": Task.Status.choices,
            "counts": counts,
            "progress": services.progress_percent(counts),
            "events": events,
            "rechecks": list(plan.rechecks.select_related("started_by__profile").order_by("created_at")),
            "reports": list(plan.reports.order_by("-issued_at")[:5]) if manager else [],
            "shares": list(
                plan.shares.select_related("created_by__profile")
                .annotate(reads=Count("accesses"), last_read=Max("accesses__accessed_at"))
                .order_by("-created_at")
            )
            if manager
            else [],
            "share_form": ShareForm() if manager else None,
            "can_recheck": manager and not plan.is_closed and recheck_service.recheck_page(plan) is not None,
            "today": timezone.localdate(),
        },
    )


@login_required
def plan_history(request, pk):
    plan, membership = plan_for(request, pk, manage=True)
    events = plan.events.select_related("actor__profile", "task").order_by("-created_at", "-pk")
    page_obj = Paginator(events, 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "rectification/plan_history.html", {"plan": plan, "page_obj": page_obj})


@login_required
@require_POST
def plan_reopen(request, pk):
    plan, membership = plan_for(request, pk, manage=True)
    services.reopen_plan(plan, membership)
    messages.success(request, _("整改计划已重新打开。"))
    return redirect(plan.get_absolute_url())


@login_required
def task_detail(request, pk):
    task, membership = task_for(request, pk)
    manager = can_manage(task.plan, membership)
    task = _task_queryset().select_related("plan__enterprise", "item__page").get(pk=task.pk)
    return TemplateResponse(
        request,
        "rectification/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "manager": manager,
            "courses": course_states([task])[task.pk],
            "assign_form": AssignForm(
                task.plan.enterprise, initial={"owner": task.owner_id, "due_date": task.due_date}
            )
            if manager
            else None,
            "status_form": StatusForm(manager=manager, initial={"status": task.status}),
            "note_form": NoteForm(),
            "evidence_form": EvidenceForm(),
            "events": list(task.events.select_related("actor__profile").order_by("-created_at", "-pk")[:50]),
            "today": timezone.localdate(),
        },
    )


def _back(task):
    return redirect(task.get_absolute_url())


@login_required
@require_POST
def task_assign(request, pk):
    task, membership = task_for(request, pk)
    if not can_manage(task.plan, membership):
        raise Http404
    form = AssignForm(task.plan.enterprise, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back(task)
    try:
        services.assign(task, membership, form.cleaned_data["owner"], form.cleaned_data["due_date"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("已保存责任人和整改期限。"))
    return _back(task)


@login_required
@require_POST
def task_status(request, pk):
    task, membership = task_for(request, pk)
    form = StatusForm(request.POST, manager=can_manage(task.plan, membership))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back(task)
    try:
        services.change_status(
            task,
            membership,
            form.cleaned_data["status"],
            form.cleaned_data["note"],
            form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("任务状态已更新。"))
    return _back(task)


@login_required
@require_POST
def task_note(request, pk):
    task, membership = task_for(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("备注不能为空，最多 2000 字。"))
        return _back(task)
    try:
        services.add_note(task, membership, form.cleaned_data["text"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("备注已添加。"))
    return _back(task)


@login_required
@require_POST
def task_assign_course(request, pk):
    """Assign one of the task's recommended courses to its owner (courses' own assignment rules)."""
    from courses.enterprise import assign as assign_course

    task, membership = task_for(request, pk)
    if not can_manage(task.plan, membership) or not membership.is_officer:
        raise Http404
    course = task.courses.live().filter(pk=request.POST.get("course") or 0).first()
    if course is None or task.owner is None:
        messages.error(request, _("请先指派责任人，并选择本任务推荐的课程。"))
        return _back(task)
    due = max(task.due_date, timezone.localdate())
    try:
        _assignment, note = assign_course(membership, task.owner, course, due)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, note or _("已将课程指派给责任人。"))
    return _back(task)


@login_required
@require_POST
def evidence_upload(request, pk):
    task, membership = task_for(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back(task)
    try:
        services.add_evidence(task, membership, form.cleaned_data["file"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("证明材料已上传。"))
    return _back(task)


def serve_evidence(request, evidence):
    return serve_file(
        request, evidence.file, filename=evidence.original_name, content_type=evidence.content_type
    )


@login_required
def evidence_download(request, pk):
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    evidence = get_object_or_404(
        Evidence.objects.select_related("task__plan"),
        pk=pk,
        task__plan__enterprise_id=membership.enterprise_id,
    )
    task_for(request, evidence.task_id)
    return serve_evidence(request, evidence)


@login_required
@require_POST
def evidence_delete(request, pk):
    membership = membership_of(request.user)
    evidence = get_object_or_404(
        Evidence.objects.select_related("task__plan"),
        pk=pk,
        task__plan__enterprise_id=membership.enterprise_id if membership else -1,
    )
    task, membership = task_for(request, evidence.task_id)
    try:
        services.remove_evidence(evidence, membership)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("证明材料已删除。"))
    return _back(task)


@login_required
def recheck(request, pk):
    """GET ?scope=…: the questionnaire. POST: grade it and update the plan."""
    plan, membership = plan_for(request, pk, manage=True)
    if plan.is_closed:
        messages.info(request, _("该整改计划已完成，无需复查。"))
        return redirect(plan.get_absolute_url())
    scope_form = ReCheckScopeForm(request.POST or request.GET or None)
    scope = scope_form.cleaned_data["scope"] if scope_form.is_valid() else ReCheck.Scope.FAILED
    try:
        questions = recheck_service.questions_for(plan, scope)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect(plan.get_absolute_url())
    if not questions:
        messages.error(request, _("没有可复查的条目：相关指引条目已下线，请逐项确认整改完成。"))
        return redirect(plan.get_absolute_url())
    form = SelfCheckForm(questions, request.POST if request.method == "POST" else None)
    context = {
        "plan": plan,
        "form": form,
        "scope": scope,
        "scope_form": ReCheckScopeForm(initial={"scope": scope}),
    }
    if request.method != "POST":
        return TemplateResponse(request, "rectification/recheck.html", context)
    if not form.is_valid():
        return TemplateResponse(request, "rectification/recheck.html", context, status=400)
    try:
        done = recheck_service.record_recheck(plan, membership, scope, questions, form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
        return redirect(plan.get_absolute_url())
    messages.success(
        request,
        _("复查完成：通过 %(passed)s 项，未通过 %(failed)s 项。")
        % {"passed": done.passed, "failed": done.failed},
    )
    return redirect(plan.get_absolute_url())


# --- sharing with consent ----------------------------------------------------------------


@login_required
@require_POST
def share_create(request, pk):
    plan, membership = plan_for(request, pk, manage=True)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(plan.get_absolute_url() + "#share")
    try:
        share = sharing.create_share(plan, membership, form.cleaned_data, build_url=absolute_url)
    except PermissionDenied as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("已共享给 %(name)s。") % {"name": share.recipient_name})
    return redirect(plan.get_absolute_url() + "#share")


@login_required
@require_POST
def share_revoke(request, pk):
    membership = membership_of(request.user)
    share = get_object_or_404(
        Share.objects.select_related("plan"),
        pk=pk,
        plan__enterprise_id=membership.enterprise_id if membership else -1,
    )
    plan_for(request, share.plan_id, manage=True)
    sharing.revoke_share(share, membership)
    messages.success(request, _("已撤销对 %(name)s 的共享。") % {"name": share.recipient_name})
    return redirect(share.plan.get_absolute_url() + "#share")


def _shared_or_404(token):
    share = sharing.active_share(token)
    if share is None:
        raise Http404
    return share


def shared_plan(request, token):
    """The plan as its recipient reads it: read-only, no names beyond the firm's own report."""
    share = _shared_or_404(token)
    plan = share.plan
    page_obj = Paginator(_task_queryset().filter(plan=plan).order_by("position"), TASK_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    sharing.log_access(share, request, request.get_full_path())
    counts = services.with_progress(type(plan).objects.filter(pk=plan.pk)).get()
    return TemplateResponse(
        request,
        "rectification/shared_plan.html",
        {
            "share": share,
            "plan": plan,
            "page_obj": page_obj,
            "tasks": list(page_obj.object_list),
            "counts": counts,
            "progress": services.progress_percent(counts),
            "rechecks": list(plan.rechecks.order_by("created_at")),
            "reports": list(plan.reports.filter(withdrawn_at__isnull=True)[:SHARED_REPORTS]),
        },
    )


def shared_report_pdf(request, token, pk):
    """The plan's issued report for the share's recipient: the same PDF the firm downloads."""
    share = _shared_or_404(token)
    report = get_object_or_404(IssuedReport, pk=pk, plan_id=share.plan_id, withdrawn_at__isnull=True)
    sharing.log_access(share, request, _("整改报告：%(code)s") % {"code": report.code})
    return _report_pdf_response(report)


def shared_evidence(request, token, pk):
    share = _shared_or_404(token)
    evidence = get_object_or_404(Evidence, pk=pk, task__plan_id=share.plan_id)
    sharing.log_access(share, request, _("证明材料：%(name)s") % {"name": evidence.original_name})
    return serve_evidence(request, evidence)


# --- 合规整改报告 --------------------------------------------------------------------------


@login_required
@require_POST
def report_issue(request, pk):
    plan, membership = plan_for(request, pk, manage=True)
    try:
        report = reporting.issue_report(plan, membership)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("整改报告已出具，验证码 %(code)s。") % {"code": report.code})
    return redirect(plan.get_absolute_url())


def _own_report(request, pk):
    membership = membership_of(request.user)
    report = get_object_or_404(
        IssuedReport.objects.select_related("plan"),
        pk=pk,
        plan__enterprise_id=membership.enterprise_id if membership else -1,
    )
    plan_for(request, report.plan_id, manage=True)
    return report


@login_required
def report_xlsx(request, pk):
    return reporting.xlsx_response(_own_report(request, pk))


@login_required
def report_pdf(request, pk):
    return _report_pdf_response(_own_report(request, pk))


def _report_pdf_response(report):
    # The PDF layout (fpdf2 and fontTools) loads only in a process that renders a PDF.
    from core.pdf import pdf_response

    from .pdf import report_pdf as report_pdf_document

    return pdf_response(
        report_pdf_document(report),
        f"合规整改报告-{report.snapshot['plan']}-{report.code[:8]}.pdf",
        f"rectification-report-{report.code[:8]}.pdf",
    )


def report_verify(request, code):
    """Public: does this code belong to a report issued here, and does its content still match its digest?"""
    report, genuine = reporting.verify(code)
    if report is None:
        return TemplateResponse(request, "rectification/verify.html", {"report": None}, status=404)
    url = reporting.verification_url(report)  # the address printed on the PDF, on SITE_URL
    return TemplateResponse(
        request,
        "rectification/verify.html",
        {
            "report": report,
            "genuine": genuine,
            "snap": report.snapshot,
            "qr": qr.svg(url, box_size=10),
            "url": url,
        },
    )
