"""The portal hooks (/me/ panel, the officer's enterprise panel, data export) and the admin pieces."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from accounts.erasure import UserDataErasure, delete_file_on_commit
from accounts.services import membership_of

from .access import visible_plans
from .admin_views import RiskPictureView, RiskTrendView, sees_risk_picture
from .indicators import sees_indicators, yearly_figures
from .models import Evidence, PlanEvent, Task
from .services import progress_percent, with_progress

ME_PANEL_SIZE = 5


@hooks.register("register_me_panel")
def me_panel(request):
    membership = membership_of(request.user)
    if membership is None:
        return ""
    tasks = list(
        Task.objects.filter(owner=request.user, plan__enterprise_id=membership.enterprise_id)
        .exclude(status__in=Task.CLOSED_STATUSES)
        .select_related("plan")
        .order_by("due_date", "pk")[:ME_PANEL_SIZE]
    )
    plans = list(
        with_progress(visible_plans(membership)).filter(status="open").order_by("-created_at")[:ME_PANEL_SIZE]
    )
    return render_to_string(
        "rectification/panels/me_panel.html",
        {
            "tasks": tasks,
            "plans": [(plan, progress_percent(plan)) for plan in plans],
            "today": timezone.localdate(),
        },
        request=request,
    )


@hooks.register("register_enterprise_panel")
def enterprise_panel(request, enterprise):
    plans = with_progress(enterprise.rectification_plans.all())
    figures = {"open": 0, "closed": 0, "overdue": 0}
    for plan in plans:
        figures["closed" if plan.is_closed else "open"] += 1
        figures["overdue"] += plan.overdue_count
    return render_to_string(
        "rectification/panels/enterprise_panel.html", {"figures": figures}, request=request
    )


@hooks.register("register_user_data_export")
def user_data_export(user):
    tasks = Task.objects.filter(owner=user).select_related("plan").prefetch_related("evidence").order_by("pk")
    return (
        "rectification",
        {
            "tasks_owned": [
                {
                    "plan": task.plan.title,
                    "task": task.title,
                    "status": task.status,
                    "due_date": task.due_date.isoformat(),
                    "completed_at": task.completed_at.isoformat() if task.completed_at else None,
                    "evidence_uploaded": [
                        {"name": e.original_name, "uploaded_at": e.uploaded_at.isoformat()}
                        for e in task.evidence.all()
                        if e.uploaded_by_id == user.pk
                    ],
                }
                for task in tasks
            ],
            # Everything deletion erases: every note written and every file uploaded, on any task.
            "notes": [
                {"plan": event.plan.title, "text": event.text, "at": event.created_at.isoformat()}
                for event in PlanEvent.objects.filter(actor=user, kind=PlanEvent.Kind.NOTE)
                .select_related("plan")
                .order_by("pk")
            ],
            "evidence": [
                {
                    "task": evidence.task.title,
                    "name": evidence.original_name,
                    "sha256": evidence.sha256,
                    "uploaded_at": evidence.uploaded_at.isoformat(),
                }
                for evidence in Evidence.objects.filter(uploaded_by=user)
                .select_related("task")
                .order_by("pk")
            ],
        },
    )


def erase_user_data(user):
    """Erase the notes the person wrote on plans and the evidence files they uploaded."""
    erased = (
        PlanEvent.objects.filter(actor=user, kind__in=[PlanEvent.Kind.NOTE, PlanEvent.Kind.EVIDENCE])
        .exclude(text="")
        .update(text="")
    )
    # The plan's history names the person as a task's owner ("责任人：李婷"): it now names no one.
    for event in PlanEvent.objects.filter(kind=PlanEvent.Kind.ASSIGNED, params__owner_id=user.pk):
        event.params = {**event.params, "owner": "", "erased": True}
        event.save(update_fields=["params"])
        erased += 1
    for evidence in Evidence.objects.filter(uploaded_by=user):
        delete_file_on_commit(evidence.file)
        evidence.delete()
        erased += 1
    return erased


@hooks.register("register_user_data_erasure")
def user_data_erasure():
    return UserDataErasure(
        key="rectification",
        erased=[_("您在整改计划中写的备注"), _("您上传的整改证明材料")],
        kept=[
            (
                _("整改计划、任务及其状态和完成时间"),
                _("整改计划属于企业，企业和监督部门需要据此复查；任务的责任人显示为已注销用户。"),
            ),
        ],
        erase=erase_user_data,
    )


class RectificationIndicatorsPanel(Component):
    """This year's plans opened and closed, the median days to rectify and the re-check pass rate."""

    name = "rectification_indicators"
    template_name = "rectification/admin/indicators_panel.html"
    order = 170

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["figures"] = yearly_figures()
        return context


@hooks.register("construct_homepage_panels")
def add_indicators_panel(request, panels):
    if sees_indicators(request.user):
        panels.append(RectificationIndicatorsPanel())


risk_urls = (
    [
        path("", RiskPictureView.as_view(), name="areas"),
        path("results/", RiskPictureView.as_view(results_only=True), name="areas_results"),
        path("months/", RiskTrendView.as_view(), name="months"),
        path("months/results/", RiskTrendView.as_view(results_only=True), name="months_results"),
    ],
    "rectification_risk",
)


@hooks.register("register_admin_urls")
def register_risk_urls():
    return [path("reports/risk/", include(risk_urls, namespace="rectification_risk"))]


class RiskMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_risk_picture(request.user)


@hooks.register("register_reports_menu_item")
def risk_picture_menu_item():
    return RiskMenuItem(_("风险研判"), reverse("rectification_risk:areas"), icon_name="warning", order=850)


@hooks.register("register_reports_menu_item")
def risk_trend_menu_item():
    return RiskMenuItem(
        _("风险研判（按月）"), reverse("rectification_risk:months"), icon_name="warning", order=851
    )
