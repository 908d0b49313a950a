"""Admin reports for organisers and the portal hooks (home feed, /me/, enterprise, data export)."""

from datetime import timedelta

from django.db.models import Avg, Count, Max, Q
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views
from .models import DrillPage, DrillRun, DrillStep, SelfCheckResult
from .scoring import Level

ME_PANEL_SIZE = 5

report_urls = (
    [
        path("scenarios/", admin_views.ScenarioResultsView.as_view(), name="scenarios"),
        path(
            "scenarios/results/",
            admin_views.ScenarioResultsView.as_view(results_only=True),
            name="scenarios_results",
        ),
        path("industries/", admin_views.IndustryResultsView.as_view(), name="industries"),
        path(
            "industries/results/",
            admin_views.IndustryResultsView.as_view(results_only=True),
            name="industries_results",
        ),
        path("steps/", admin_views.FailedStepsView.as_view(), name="steps"),
        path("steps/results/", admin_views.FailedStepsView.as_view(results_only=True), name="steps_results"),
    ],
    "drills_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/drills/", include(report_urls, namespace="drills_reports"))]


class DrillReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("drills.view_drillrun") or request.user.has_perm(
            "drills.change_drillrun"
        )


@hooks.register("register_reports_menu_item")
def scenario_report_menu_item():
    return DrillReportMenuItem(
        _("模拟检查成绩（按演练）"),
        reverse("drills_reports:scenarios"),
        icon_name="clipboard-list",
        order=800,
    )


@hooks.register("register_reports_menu_item")
def industry_report_menu_item():
    return DrillReportMenuItem(
        _("模拟检查与体检（按行业）"),
        reverse("drills_reports:industries"),
        icon_name="clipboard-list",
        order=801,
    )


@hooks.register("register_reports_menu_item")
def steps_report_menu_item():
    return DrillReportMenuItem(
        _("最常失分的步骤"), reverse("drills_reports:steps"), icon_name="warning", order=802
    )


def can_read_reports(user):
    return user.has_perm("drills.view_drillrun") or user.has_perm("drills.change_drillrun")


class DrillSummaryPanel(Component):
    """The organisers' dashboard panel: the last 30 days of drills and check-ups."""

    name = "drill_summary"
    order = 250
    template_name = "drills/admin/summary_panel.html"

    def get_context_data(self, parent_context):
        since = timezone.now() - timedelta(days=30)
        runs = DrillRun.objects.filter(started_at__gte=since)
        figures = runs.aggregate(
            runs=Count("pk"),
            completed=Count("pk", filter=Q(status=DrillRun.Status.COMPLETED)),
            average=Avg("percent", filter=Q(status=DrillRun.Status.COMPLETED)),
        )
        failed = (
            DrillStep.objects.filter(answers__run__started_at__gte=since)
            .annotate(failed_count=Count("answers", filter=~Q(answers__level=Level.GREEN)))
            .filter(failed_count__gt=0)
            .select_related("page")
            .order_by("-failed_count")[:3]
        )
        average = figures["average"]
        return {
            **figures,
            "average": None if average is None else round(average, 1),
            "checks": SelfCheckResult.objects.filter(created_at__gte=since).count(),
            "failed_steps": list(failed),
        }


@hooks.register("construct_homepage_panels")
def add_summary_panel(request, panels):
    if can_read_reports(request.user):
        panels.append(DrillSummaryPanel())


@hooks.register("register_home_feed")
def home_feed():
    def latest_drills(count):
        return (
            DrillPage.objects.live()
            .public()
            .select_related("industry")
            .order_by("-first_published_at")[:count]
        )

    return {"drills": latest_drills}


@hooks.register("register_me_panel")
def me_panel(request):
    user = request.user
    runs = list(
        DrillRun.objects.filter(user=user)
        .select_related("scenario", "current_step")
        .order_by("-started_at")[:ME_PANEL_SIZE]
    )
    checks = list(SelfCheckResult.objects.filter(user=user).order_by("-created_at")[:ME_PANEL_SIZE])
    return render_to_string("drills/panels/me_panel.html", {"runs": runs, "checks": checks}, request=request)


@hooks.register("register_enterprise_panel")
def enterprise_panel(request, enterprise):
    """The officer's view of staff results: one row per member, a fixed number of queries."""
    from django.contrib.auth import get_user_model

    members = (
        get_user_model()
        .objects.filter(membership__enterprise=enterprise)
        .select_related("profile", "membership")
        .annotate(
            runs_completed=Count(
                "drill_runs", filter=Q(drill_runs__status=DrillRun.Status.COMPLETED), distinct=True
            ),
            last_run=Max("drill_runs__finished_at"),
        )
        .order_by("membership__joined_at")
    )
    members = list(members)
    latest_runs = {}
    for run in (
        DrillRun.objects.filter(user__in=members, status=DrillRun.Status.COMPLETED)
        .select_related("scenario")
        .order_by("user_id", "-finished_at")
    ):
        latest_runs.setdefault(run.user_id, run)
    latest_checks = {}
    for result in SelfCheckResult.objects.filter(user__in=members).order_by("user_id", "-created_at"):
        latest_checks.setdefault(result.user_id, result)
    rows = [(member, latest_runs.get(member.pk), latest_checks.get(member.pk)) for member in members]
    return render_to_string(
        "drills/panels/enterprise_panel.html", {"rows": rows, "enterprise": enterprise}, request=request
    )


@hooks.register("register_user_data_export")
def user_data_export(user):
    runs = (
        DrillRun.objects.filter(user=user)
        .select_related("scenario")
        .prefetch_related("answers")
        .order_by("started_at")
    )
    checks = SelfCheckResult.objects.filter(user=user).prefetch_related("answers").order_by("created_at")
    return (
        "drills",
        {
            "drill_runs": [
                {
                    "scenario": run.scenario.title,
                    "status": run.status,
                    "started_at": run.started_at.isoformat(),
                    "finished_at": run.finished_at.isoformat() if run.finished_at else None,
                    "score": run.score,
                    "max_score": run.max_score,
                    "percent": str(run.percent) if run.percent is not None else None,
                    "grade": run.grade,
                    "answers": [
                        {
                            "step": a.step_title,
                            "choice": a.choice_text,
                            "level": a.level,
                            "score": a.score,
                            "answered_at": a.answered_at.isoformat(),
                        }
                        for a in run.answers.all()
                    ],
                }
                for run in runs
            ],
            "self_checks": [
                {
                    "title": result.title,
                    "subject": result.subject,
                    "created_at": result.created_at.isoformat(),
                    "score": result.score,
                    "max_score": result.max_score,
                    "percent": str(result.percent) if result.percent is not None else None,
                    "grade": result.grade,
                    "answers": [
                        {"item": a.item_title, "answer": a.answer, "level": a.level}
                        for a in result.answers.all()
                    ],
                }
                for result in checks
            ],
        },
    )


@hooks.register("insert_editor_js")
def step_select_js():
    return format_html('<script src="{}"></script>', static("drills/step_select.js"))
