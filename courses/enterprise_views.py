"""The compliance officer's training pages under /me/enterprise/."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Membership, display_name
from accounts.services import membership_of
from core import exports
from courses import enterprise as service
from courses.models import CoursePage

ROWS_PER_PAGE = 30


class AssignForm(forms.Form):
    member = forms.ModelMultipleChoiceField(
        queryset=Membership.objects.none(),
        label=gettext_lazy("员工"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy("可按住 Ctrl 选择多名员工"),
    )
    everyone = forms.BooleanField(label=gettext_lazy("全体员工"), required=False)
    course = forms.ModelChoiceField(queryset=CoursePage.objects.none(), label=gettext_lazy("课程"))
    due_date = forms.DateField(label=gettext_lazy("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, enterprise, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Membership.objects.filter(enterprise=enterprise).select_related(
            "user__profile"
        )
        self.fields["member"].label_from_instance = lambda m: f"{display_name(m.user)}({m.user.email})"
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["course"].label_from_instance = lambda c: c.title

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("everyone") and not cleaned.get("member"):
            raise forms.ValidationError(_("请选择至少一名员工，或勾选“全体员工”。"))
        return cleaned

    def members(self):
        if self.cleaned_data.get("everyone"):
            return list(self.fields["member"].queryset)
        return list(self.cleaned_data["member"])

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("截止日期不能早于今天。"))
        return due


def _officer(request):
    membership = membership_of(request.user)
    if membership is None or not membership.is_officer:
        return None
    return membership


def _refuse(request):
    messages.error(request, _("只有企业合规专员可以查看员工学习情况。"))
    return redirect("me")


@login_required
def training(request):
    officer = _officer(request)
    if officer is None:
        return _refuse(request)
    rows = service.staff_rows(officer.enterprise)
    hours = service.staff_hours(officer.enterprise)
    page_obj = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/enterprise_training.html",
        {
            "enterprise": officer.enterprise,
            "rows": page_obj,
            "page_obj": page_obj,
            "summary": service.summary(rows, hours),
            "overdue": service.overdue_rows(rows),
            "staff_hours": hours,
            "form": AssignForm(officer.enterprise),
        },
    )


@login_required
def training_xlsx(request):
    officer = _officer(request)
    if officer is None:
        return _refuse(request)
    enterprise = officer.enterprise
    sheets = service.export_sheets(
        enterprise, service.staff_rows(enterprise), service.staff_hours(enterprise)
    )
    return exports.workbook_response("staff-training", sheets, title=f"{enterprise.name}-{_('员工学习')}")


@login_required
@require_POST
def assign(request):
    officer = _officer(request)
    if officer is None:
        return _refuse(request)
    form = AssignForm(officer.enterprise, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("courses:enterprise_training")
    try:
        assigned, notes = service.assign_many(
            officer,
            [membership.user for membership in form.members()],
            form.cleaned_data["course"],
            form.cleaned_data["due_date"],
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("课程已指派给 %(n)s 名员工，员工将收到提醒。") % {"n": len(assigned)})
        for note in notes:
            messages.warning(request, note)
    return redirect("courses:enterprise_training")
