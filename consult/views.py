"""The enterprise side of the desk: ask, follow the exchange, reply, close with a rating."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services import membership_of
from consult import services
from consult.forms import CloseForm, MessageForm, RequestForm
from consult.models import Attachment, AuditEntry, ConsultationRequest, Status
from core.files import serve_file

Action = AuditEntry.Action


def index(request):
    """The desk's promise, the form for enterprise members, and the user's own requests."""
    membership = membership_of(request.user)
    form = None
    if membership is not None:
        form = RequestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                consultation = services.submit(
                    request.user,
                    title=data["title"],
                    description=data["description"],
                    industry=data["industry"],
                    risk_area=data["risk_area"],
                    urgent=data["urgent"],
                    may_publish_anonymously=data["may_publish_anonymously"],
                    department=data["department"],
                    files=data["attachments"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("咨询已提交，受理部门将在 %(n)s 个工作分钟内响应。")
                    % {"n": services.clock_settings().ack_minutes},
                )
                return redirect(consultation)
        elif request.method == "POST":
            messages.error(request, _("提交未成功，请按提示修改后重新提交。"))
    elif request.method == "POST":
        messages.error(request, _("请先登录并登记或加入企业，再提交咨询。"))
    mine = services.enterprise_requests(request.user).select_related("department").order_by("-submitted_at")
    page = Paginator(mine, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "consult/index.html",
        {
            "form": form,
            "membership": membership,
            "page_obj": page,
            "config": services.clock_settings(),
        },
        status=400 if request.method == "POST" and form is not None and form.errors else 200,
    )


def _followed_request(user, pk):
    """The request if the user may follow it; 404 otherwise (its existence is private too)."""
    consultation = get_object_or_404(
        ConsultationRequest.objects.select_related(
            "department", "enterprise", "asker__profile", "industry", "risk_area"
        ),
        pk=pk,
    )
    if not services.can_follow(user, consultation):
        raise Http404
    return consultation


def _detail_context(user, consultation, reply_form=None, close_form=None):
    exchange = consultation.messages.select_related("sender__profile", "department").prefetch_related(
        "attachments"
    )
    return {
        "consultation": consultation,
        "question_attachments": consultation.attachments.filter(message__isnull=True),
        "exchange": exchange,
        "transfers": consultation.transfers.select_related("from_department", "to_department"),
        "rating": getattr(consultation, "rating", None) if consultation.status == Status.CLOSED else None,
        "reply_form": reply_form or MessageForm(),
        "close_form": close_form or CloseForm(),
        "can_close": services.can_rate(user, consultation),
    }


@login_required
def detail(request, pk):
    consultation = _followed_request(request.user, pk)
    services.audit(consultation, request.user, Action.VIEW)
    return render(request, "consult/detail.html", _detail_context(request.user, consultation))


def _error_messages(request, exc):
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_POST
def reply(request, pk):
    consultation = _followed_request(request.user, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.reply(
                consultation, request.user, form.cleaned_data["text"], form.cleaned_data["attachments"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            _error_messages(request, exc)
        else:
            messages.success(request, _("回复已发送。"))
            return redirect(consultation)
    else:
        messages.error(request, _("回复未发送，请按提示修改。"))
    return render(
        request,
        "consult/detail.html",
        _detail_context(request.user, consultation, reply_form=form),
        status=400,
    )


@login_required
@require_POST
def close(request, pk):
    consultation = _followed_request(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close(
                consultation, request.user, form.cleaned_data["score"], form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            _error_messages(request, exc)
        else:
            messages.success(request, _("感谢评价，该咨询已办结。"))
            return redirect(consultation)
    else:
        messages.error(request, _("未能办结，请按提示修改。"))
    return render(
        request,
        "consult/detail.html",
        _detail_context(request.user, consultation, close_form=form),
        status=400,
    )


@login_required
def attachment(request, pk):
    """Download an attachment: for those who follow the request or handle it, and no one else."""
    item = get_object_or_404(Attachment.objects.select_related("request__department"), pk=pk)
    consultation = item.request
    if not (
        services.can_follow(request.user, consultation) or services.can_handle(request.user, consultation)
    ):
        raise Http404
    services.audit(consultation, request.user, Action.DOWNLOAD, item.original_name)
    return serve_file(request, item.file, filename=item.original_name)
