"""The staff side in the Wagtail admin: the queue (a report with filters and export) and a request's page."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from accounts.models import display_name
from consult import services
from consult.forms import AssignForm, ClassifyForm, FinishForm, MessageForm, TransferForm
from consult.models import AuditEntry, Complexity, ConsultationRequest, Department, Status
from consult.working_time import SHANGHAI
from core.exports import SpreadsheetExportMixin


def _require_desk_staff(user):
    if not services.is_desk_staff(user):
        raise PermissionDenied


class DeadlineColumn(Column):
    """The 315 flag of a row: overdue or near, with the stage and the deadline."""

    cell_template_name = "consult/admin/deadline_cell.html"


def _visible_departments(request):
    if request.user.is_superuser:
        return Department.objects.all()
    return services.departments_of(request.user)


def _year_choices():
    this_year = timezone.now().astimezone(SHANGHAI).year
    return [(year, str(year)) for year in range(this_year, this_year - 6, -1)]


class QueueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=Status.choices)
    deadline = django_filters.ChoiceFilter(
        label=gettext_lazy("时限"),
        choices=[
            ("overdue", gettext_lazy("已超时未办")),
            ("near", gettext_lazy("临近期限")),
            ("missed", gettext_lazy("曾超时")),
        ],
        method="filter_deadline",
    )
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("受理部门"), queryset=_visible_departments
    )
    complexity = django_filters.ChoiceFilter(
        label=gettext_lazy("事项类型"), choices=[c for c in Complexity.choices if c[0]]
    )
    urgent = django_filters.BooleanFilter(label=gettext_lazy("紧急"))
    mine = django_filters.BooleanFilter(label=gettext_lazy("分派给我"), method="filter_mine")
    year = django_filters.TypedChoiceFilter(
        label=gettext_lazy("提交年度"), choices=_year_choices, coerce=int, method="filter_year"
    )

    class Meta:
        model = ConsultationRequest
        fields = ["status", "deadline", "department", "complexity", "urgent", "mine", "year"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        mine = Q(assignee=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_year(self, queryset, name, value):
        start, end = services.year_bounds(int(value))
        return queryset.filter(submitted_at__gte=start, submitted_at__lt=end)

    def filter_deadline(self, queryset, name, value):
        now = timezone.now()
        pending_ack = Q(acknowledged_at__isnull=True)
        pending_answer = Q(answered_at__isnull=True)
        if value == "missed":
            return queryset.filter(Q(ack_missed_at__isnull=False) | Q(answer_missed_at__isnull=False))
        open_queryset = queryset.exclude(status=Status.CLOSED)
        overdue = (pending_ack & Q(ack_due_at__lte=now)) | (pending_answer & Q(answer_due_at__lte=now))
        if value == "overdue":
            return open_queryset.filter(overdue)
        # "Near" is counted in working minutes, which the database cannot do: check the
        # open, not yet overdue rows in Python (the open queue is small).
        config = services.clock_settings()
        calendar = services.work_calendar(config)
        candidates = open_queryset.exclude(overdue).filter(pending_ack | pending_answer)
        near = [
            row.pk
            for row in candidates.select_related(None).only(
                "pk", "status", "ack_due_at", "acknowledged_at", "answer_due_at", "answered_at"
            )
            if services.deadline_flag(row, calendar, config, now)[0] == "near"
        ]
        return queryset.filter(pk__in=near)


class QueueView(SpreadsheetExportMixin, ReportView):
    """New, acknowledged, in-progress, answered and closed requests of the user's departments."""

    page_title = gettext_lazy("咨询受理")
    header_icon = "help"
    index_url_name = "consult_admin:queue"
    index_results_url_name = "consult_admin:queue_results"
    filterset_class = QueueFilterSet
    paginate_by = 25
    template_name = "consult/admin/queue.html"
    is_searchable = True
    search_fields = ["title", "enterprise__name"]
    search_backend_name = None  # a plain icontains over the fields above
    default_ordering = "-submitted_at"
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("咨询"),
            url_name="consult_admin:detail",
            sort_key="title",
        ),
        Column("enterprise", label=gettext_lazy("企业")),
        Column("department", label=gettext_lazy("受理部门")),
        Column("assignee_name", label=gettext_lazy("承办人")),
        StatusTagColumn(
            "get_status_display", label=gettext_lazy("状态"), primary=lambda r: r.status == Status.NEW
        ),
        Column("get_complexity_display", label=gettext_lazy("事项类型")),
        StatusFlagColumn("urgent", label=gettext_lazy("紧急"), true_label=gettext_lazy("紧急")),
        DeadlineColumn("deadline", label=gettext_lazy("“315”时限")),
        DateColumn("submitted_at", label=gettext_lazy("提交时间"), sort_key="submitted_at"),
    ]
    list_export = [
        "reference",
        "title",
        "enterprise",
        "industry",
        "risk_area",
        "department",
        "get_status_display",
        "get_complexity_display",
        "urgent",
        "may_publish_anonymously",
        "submitted_at",
        "ack_due_at",
        "acknowledged_at",
        "ack_outcome_label",
        "answer_due_at",
        "answered_at",
        "answer_outcome_label",
        "within_limits_label",
        "closed_at",
        "rating_score",
    ]
    export_headings = {
        "reference": gettext_lazy("编号"),
        "title": gettext_lazy("标题"),
        "enterprise": gettext_lazy("企业"),
        "industry": gettext_lazy("行业"),
        "risk_area": gettext_lazy("风险领域"),
        "department": gettext_lazy("受理部门"),
        "get_status_display": gettext_lazy("状态"),
        "get_complexity_display": gettext_lazy("事项类型"),
        "urgent": gettext_lazy("紧急"),
        "may_publish_anonymously": gettext_lazy("同意匿名公开"),
        "submitted_at": gettext_lazy("提交时间"),
        "ack_due_at": gettext_lazy("响应期限"),
        "acknowledged_at": gettext_lazy("响应时间"),
        "ack_outcome_label": gettext_lazy("响应是否按时"),
        "answer_due_at": gettext_lazy("答复期限"),
        "answered_at": gettext_lazy("首次答复时间"),
        "answer_outcome_label": gettext_lazy("答复是否按时"),
        "within_limits_label": gettext_lazy("符合“315”时限"),
        "closed_at": gettext_lazy("办结时间"),
        "rating_score": gettext_lazy("满意度评分"),
    }

    def dispatch(self, request, *args, **kwargs):
        _require_desk_staff(request.user)
        return super().dispatch(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows = list(queryset)
        # An export shows every row to whoever downloads it: each one goes in its audit trail.
        AuditEntry.objects.bulk_create(
            AuditEntry(
                request=row, user=self.request.user, action=AuditEntry.Action.VIEW, detail=_("导出台账")
            )
            for row in rows
        )
        return super().as_spreadsheet(rows, spreadsheet_format)

    def get_filename(self):
        return f"consultations-{timezone.now().astimezone(SHANGHAI):%Y%m%d}"

    def get_valid_orderings(self):
        return ["title", "-title", "submitted_at", "-submitted_at"]

    def get_base_queryset(self):
        return services.staff_requests(self.request.user).select_related(
            "enterprise", "department", "assignee__profile", "industry", "risk_area", "rating"
        )

    @cached_property
    def clock(self):
        config = services.clock_settings()
        return config, services.work_calendar(config)

    def decorate_paginated_queryset(self, object_list):
        config, calendar = self.clock
        now = timezone.now()
        rows = list(object_list)
        for row in rows:
            row.deadline, row.deadline_stage = services.deadline_flag(row, calendar, config, now)
            row.deadline_due = row.due_at(row.deadline_stage) if row.deadline_stage else None
            row.assignee_name = display_name(row.assignee) if row.assignee else ""
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        counts = services.staff_requests(self.request.user).values_list("status")
        by_status = dict.fromkeys(Status.values, 0)
        for (status,) in counts:
            by_status[status] += 1
        context["status_counts"] = [(value, label, by_status[value]) for value, label in Status.choices]
        return context


class RequestAdminView(WagtailAdminTemplateMixin, TemplateView):
    """A request's page for staff: the exchange, the clock, and the actions."""

    template_name = "consult/admin/detail.html"
    header_icon = "help"
    actions = ("acknowledge", "assign", "transfer", "classify", "answer", "finish")

    def dispatch(self, request, *args, **kwargs):
        _require_desk_staff(request.user)
        self.consultation = get_object_or_404(
            services.staff_requests(request.user).select_related(
                "enterprise",
                "asker__profile",
                "department__lead__profile",
                "assignee",
                "closed_by__profile",
                "industry",
                "risk_area",
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.consultation.title

    def get_page_subtitle(self):
        return self.consultation.reference

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("consult_admin:queue"), "label": _("咨询受理")},
            {"url": "", "label": self.consultation.title, "sublabel": self.consultation.reference},
        ]

    def forms(self, bound=None, data=None, files=None):
        """The action forms; the one named ``bound`` gets the posted data."""
        department = self.consultation.department
        factories = {
            "assign": lambda *args: AssignForm(*args, department=department, prefix="assign"),
            "transfer": lambda *args: TransferForm(*args, current=department, prefix="transfer"),
            "classify": lambda *args: ClassifyForm(
                *args,
                prefix="classify",
                config=services.clock_settings(),
                initial={"complexity": self.consultation.complexity or None},
            ),
            "answer": lambda *args: MessageForm(*args, prefix="answer"),
            "finish": lambda *args: FinishForm(*args, prefix="finish"),
        }
        return {
            name: factory(data, files) if name == bound else factory() for name, factory in factories.items()
        }

    def get(self, request, *args, **kwargs):
        services.audit(self.consultation, request.user, AuditEntry.Action.VIEW, _("管理后台"))
        return self.render_to_response(self.get_context_data(forms=self.forms()))

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in self.actions:
            messages.error(request, _("未知的操作。"))
            return redirect("consult_admin:detail", self.consultation.pk)
        forms = self.forms(bound=action, data=request.POST, files=request.FILES)
        form = forms.get(action)
        consultation, user = self.consultation, request.user
        try:
            if form is not None and not form.is_valid():
                raise ValidationError(_("请按提示修改后重新提交。"))
            if action == "acknowledge":
                services.acknowledge(consultation, user)
            elif action == "assign":
                services.assign(consultation, user, form.cleaned_data["assignee"])
            elif action == "transfer":
                services.transfer(
                    consultation, user, form.cleaned_data["to_department"], form.cleaned_data["reason"]
                )
            elif action == "classify":
                services.classify(consultation, user, form.cleaned_data["complexity"])
            elif action == "answer":
                services.answer(
                    consultation, user, form.cleaned_data["text"], form.cleaned_data["attachments"]
                )
            elif action == "finish":
                services.finish(consultation, user, form.cleaned_data["summary"])
        except PermissionDenied as exc:
            messages.error(request, str(exc) or _("您无权执行该操作。"))
            return redirect("consult_admin:detail", consultation.pk)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            consultation.refresh_from_db()
            return self.render_to_response(self.get_context_data(forms=forms, open_action=action), status=400)
        done = {
            "acknowledge": _("已响应。"),
            "assign": _("已分派。"),
            "transfer": _("已转办，期限不变。"),
            "classify": _("已定性。"),
            "answer": _("答复已发送给企业。"),
            "finish": _("已办结，企业会收到办结说明。"),
        }
        messages.success(request, done[action])
        if action == "transfer" and not services.staff_requests(user).filter(pk=consultation.pk).exists():
            return redirect("consult_admin:queue")
        return redirect("consult_admin:detail", consultation.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.consultation
        config = services.clock_settings()
        flag, stage = services.deadline_flag(consultation, services.work_calendar(config), config)
        is_lead = services.is_lead(self.request.user, consultation.department)
        context.update(
            consultation=consultation,
            flag=flag,
            flag_stage=stage,
            question_attachments=consultation.attachments.filter(message__isnull=True),
            exchange=consultation.messages.select_related("sender__profile", "department").prefetch_related(
                "attachments"
            ),
            transfers=consultation.transfers.select_related("from_department", "to_department", "by"),
            audit_entries=consultation.audit_entries.select_related("user__profile")[:50],
            rating=getattr(consultation, "rating", None) if consultation.status == Status.CLOSED else None,
            can_act=consultation.is_open and services.can_handle(self.request.user, consultation),
            is_lead=is_lead,
            can_finish=is_lead or consultation.assignee_id in (None, self.request.user.pk),
            is_new=consultation.status == Status.NEW,
            queue_url=reverse_lazy("consult_admin:queue"),
        )
        return context
