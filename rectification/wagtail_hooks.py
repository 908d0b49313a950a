"""The portal hooks (/me/ panel, the officer's enterprise panel, data export) and the admin pieces."""

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail import hooks

from accounts.services import membership_of

from .access import visible_plans
from .models import Task
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
        },
    )
