from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.erasure import UserDataErasure, delete_file_on_commit
from consult import admin_views, services
from consult.models import Attachment, ConsultationRequest, Department, Message, PublicHoliday, Rating, Status


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.QueueView.as_view(), name="queue"),
        path("results/", admin_views.QueueView.as_view(results_only=True), name="queue_results"),
        path("<int:pk>/", admin_views.RequestAdminView.as_view(), name="detail"),
    ]
    return [path("consult/", include((urls, "consult_admin"), namespace="consult_admin"))]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return services.is_desk_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return DeskMenuItem(_("咨询受理"), reverse("consult_admin:queue"), icon_name="help", order=250)


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("受理部门")
    list_display = [
        "name",
        "group",
        "email",
        BooleanColumn("is_intake", label=_("默认受理部门")),
        "sort_order",
    ]
    search_fields = ["name"]


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("节假日与调休")
    list_display = ["date", "name", BooleanColumn("is_workday", label=_("调休上班日"))]
    list_filter = ["is_workday"]
    ordering = ["-date"]


register_snippet(DepartmentViewSet)
register_snippet(PublicHolidayViewSet)


class IndicatorsPanel(Component):
    """The year's consultations vs the target, the share within 315, satisfaction; with export links."""

    name = "consult_indicators"
    template_name = "consult/admin/indicators_panel.html"
    order = 160

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        figures = services.indicators()
        queue = reverse("consult_admin:queue")
        user = self.request.user
        departments = Department.objects.all() if user.is_superuser else services.departments_of(user)
        return {
            "figures": figures,
            "departments": services.department_indicators(departments, figures["year"]),
            "queue_url": queue,
            "export_xlsx": f"{queue}?year={figures['year']}&export=xlsx",
            "export_csv": f"{queue}?year={figures['year']}&export=csv",
            "open_count": services.staff_requests(self.request.user).exclude(status=Status.CLOSED).count(),
        }


@hooks.register("construct_homepage_panels")
def add_indicators_panel(request, panels):
    if services.is_desk_staff(request.user):
        panels.append(IndicatorsPanel(request))


@hooks.register("register_me_panel")
def me_panel(request):
    requests = list(
        services.enterprise_requests(request.user)
        .filter(asker=request.user)
        .select_related("department")
        .order_by("-submitted_at")[:10]
    )
    return render_to_string("consult/me_panel.html", {"consultations": requests}, request=request)


@hooks.register("register_enterprise_panel")
def enterprise_panel(request, enterprise):
    requests = list(
        ConsultationRequest.objects.filter(enterprise=enterprise)
        .select_related("department", "asker__profile")
        .order_by("-submitted_at")[:20]
    )
    return render_to_string(
        "consult/enterprise_panel.html",
        {"consultations": requests, "enterprise": enterprise},
        request=request,
    )


@hooks.register("register_user_data_export")
def export_user_data(user):
    """The user's own questions, their messages and ratings (PIPL right of access)."""
    data = []
    requests = (
        ConsultationRequest.objects.filter(asker=user)
        .select_related("department", "industry", "risk_area", "rating")
        .prefetch_related("messages__attachments", "attachments")
    )
    for item in requests:
        rating = item.rating if item.status == Status.CLOSED and hasattr(item, "rating") else None
        data.append(
            {
                "reference": item.reference,
                "title": item.title,
                "description": item.description,
                "industry": str(item.industry or ""),
                "risk_area": str(item.risk_area or ""),
                "department": str(item.department),
                "status": item.status,
                "urgent": item.urgent,
                "may_publish_anonymously": item.may_publish_anonymously,
                "submitted_at": item.submitted_at.isoformat(),
                "closed_at": item.closed_at.isoformat() if item.closed_at else None,
                "attachments": [a.original_name for a in item.attachments.all() if a.message_id is None],
                "messages": [
                    {
                        "from": message.side,
                        "text": message.text,
                        "at": message.created_at.isoformat(),
                        "attachments": [a.original_name for a in message.attachments.all()],
                    }
                    for message in item.messages.all()
                ],
                "rating": {"score": rating.score, "comment": rating.comment} if rating else None,
            }
        )
    # What the person wrote on colleagues' questions (as their firm's officer): deletion erases it too.
    others = (
        Message.objects.filter(sender=user, side=Message.Side.ENTERPRISE)
        .exclude(request__asker=user)
        .select_related("request__department")
        .prefetch_related("attachments")
    )
    for message in others:
        data.append(
            {
                "reference": message.request.reference,
                "department": str(message.request.department),
                "messages": [
                    {
                        "from": message.side,
                        "text": message.text,
                        "at": message.created_at.isoformat(),
                        "attachments": [a.original_name for a in message.attachments.all()],
                    }
                ],
            }
        )
    return "consultations", data


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("consult/admin.css"))


def erase_user_data(user):
    """Erase what the person wrote and sent; the consultation, its department and times stay."""
    erased = 0
    asked = ConsultationRequest.objects.filter(asker=user)
    own_files = Attachment.objects.filter(
        message__isnull=True, request__asker=user
    ) | Attachment.objects.filter(message__sender=user, message__side=Message.Side.ENTERPRISE)
    for attachment in own_files:
        delete_file_on_commit(attachment.file)
        attachment.delete()
        erased += 1
    erased += asked.update(title=ERASED_TITLE, description="", may_publish_anonymously=False)
    erased += Message.objects.filter(sender=user, side=Message.Side.ENTERPRISE).update(text="")
    erased += Rating.objects.filter(rated_by=user).exclude(comment="").update(comment="")
    return erased


# Stored text, not interface: the record reads the same in either language.
ERASED_TITLE = "（提问人已注销，内容已删除）"


@hooks.register("register_user_data_erasure")
def user_data_erasure():
    return UserDataErasure(
        key="consultations",
        erased=[
            _("咨询的标题和问题描述"),
            _("您在咨询中发送的消息和上传的附件"),
            _("满意度评价中的文字意见"),
        ],
        kept=[
            (
                _("咨询曾经提出的事实：编号、受理部门、提交、响应、答复和办结时间，评分"),
                _("“315”时限考核和年度咨询服务指标需要这些记录；它们不再与您的姓名或账户关联。"),
            ),
            (
                _("办理部门的答复和办结说明"),
                _("这是办理部门自己的工作记录。"),
            ),
        ],
        erase=erase_user_data,
    )
