"""Views of drill runs and self-check results (outside the page tree), thin over engine.py and report.py.

The drill and self-check pages own their own listing, context and questionnaire (models/pages.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import display_name

from . import engine
from .models import DrillPage, DrillRun, SelfCheckResult
from .report import report_for_run, report_for_self_check

PAGE_SIZE = 12


def _page_number(request, name="page"):
    return request.GET.get(name) or 1


def _own_run(request, pk):
    # Another user's run is indistinguishable from a missing one: 404, never 403.
    return get_object_or_404(
        DrillRun.objects.select_related("scenario", "scenario__industry"), pk=pk, user=request.user
    )


@login_required
@require_POST
def start(request, scenario_id):
    scenario = DrillPage.objects.live().public().filter(pk=scenario_id).first()
    if scenario is None:
        raise Http404
    try:
        run, created = engine.start_run(request.user, scenario)
    except engine.DrillError as exc:
        messages.error(request, exc.message)
        return redirect(scenario.url)
    if not created:
        messages.info(request, _("已为您恢复上次未完成的演练。"))
    return redirect("drills:run", run.pk)


@login_required
def run_detail(request, pk):
    run = _own_run(request, pk)
    if run.is_completed:
        return redirect("drills:run_report", run.pk)
    loaded = engine.ScenarioFlow.load(run.scenario)
    step = None
    if run.current_step_id is not None:
        position = loaded.position_of(run.current_step_id)
        step = loaded.steps[position] if position is not None else None
    if step is None:
        messages.error(request, _("该演练已被管理员修改，本次记录无法继续。请重新开始。"))
        return redirect(run.scenario.url)
    answers = list(run.answers.order_by("position"))
    answered = len(answers)
    total = answered + loaded.remaining(step)
    return TemplateResponse(
        request,
        "drills/run.html",
        {
            "run": run,
            "scenario": run.scenario,
            "step": step,
            "choices": list(step.choices.all()),
            "answers": answers,
            "last_answer": answers[-1] if answers else None,
            "answered": answered,
            "total": total,
            "progress_percent": int(answered * 100 / total) if total else 0,
        },
    )


@login_required
@require_POST
def answer(request, pk):
    run = _own_run(request, pk)
    try:
        step_id = int(request.POST.get("step", ""))
        choice_id = int(request.POST.get("choice", ""))
    except ValueError:
        messages.error(request, _("请选择一个选项后再提交。"))
        return redirect("drills:run", run.pk)
    try:
        engine.answer_step(run.pk, request.user, step_id, choice_id)
    except engine.DrillError as exc:
        messages.error(request, exc.message)
        return redirect("drills:run", run.pk)
    run.refresh_from_db(fields=["status"])
    if run.is_completed:
        messages.success(request, _("检查结束，以下是您的评估报告。"))
        return redirect("drills:run_report", run.pk)
    return redirect("drills:run", run.pk)


def _completed_run(request, pk):
    run = _own_run(request, pk)
    if not run.is_completed:
        messages.info(request, _("演练完成后才能查看报告，请继续作答。"))
        return None, redirect("drills:run", run.pk)
    return run, None


@login_required
def run_report(request, pk):
    run, response = _completed_run(request, pk)
    if response:
        return response
    report = report_for_run(run)
    return TemplateResponse(request, "drills/run_report.html", {"run": run, "report": report})


@login_required
def run_report_pdf(request, pk):
    from core.pdf import pdf_response

    from .pdf import report_pdf

    run, response = _completed_run(request, pk)
    if response:
        return response
    pdf = report_pdf(report_for_run(run), person=display_name(request.user))
    return pdf_response(pdf, f"模拟检查报告-{run.scenario.title}-{run.pk}.pdf", f"drill-report-{run.pk}.pdf")


def _own_result(request, pk):
    return get_object_or_404(
        SelfCheckResult.objects.select_related("page", "industry"), pk=pk, user=request.user
    )


@login_required
def checkup_report(request, pk):
    result = _own_result(request, pk)
    report = report_for_self_check(result)
    return TemplateResponse(request, "drills/checkup_report.html", {"result": result, "report": report})


@login_required
def checkup_report_pdf(request, pk):
    from core.pdf import pdf_response

    from .pdf import report_pdf

    result = _own_result(request, pk)
    pdf = report_pdf(report_for_self_check(result), person=display_name(request.user))
    return pdf_response(
        pdf, f"合规体检报告-{result.title}-{result.pk}.pdf", f"self-check-report-{result.pk}.pdf"
    )


@login_required
def my_results(request):
    runs = DrillRun.objects.filter(user=request.user).select_related("scenario", "scenario__industry")
    checks = SelfCheckResult.objects.filter(user=request.user).select_related("industry")
    return TemplateResponse(
        request,
        "drills/my_results.html",
        {
            "page_obj": Paginator(runs.order_by("-started_at"), PAGE_SIZE).get_page(_page_number(request)),
            "checks_page": Paginator(checks.order_by("-created_at"), PAGE_SIZE).get_page(
                _page_number(request, "checks")
            ),
        },
    )
