"""Forms for plans and tasks; the rules themselves live in services.py."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import display_name
from library.models import ContactPoint

from .evidence import ACCEPT
from .models import ReCheck, Share, Task


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class AssignForm(forms.Form):
    owner = MemberChoiceField(label=_("责任人"), queryset=get_user_model().objects.none(), required=False)
    due_date = forms.DateField(
        label=_("整改期限"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("请填写整改期限。"), "invalid": _("请输入有效的日期。")},
    )

    def __init__(self, enterprise, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(membership__enterprise=enterprise)
            .select_related("profile")
            .order_by("membership__joined_at")
        )
        self.fields["owner"].empty_label = _("（未指派）")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=Task.Status.choices)
    note = forms.CharField(
        label=_("整改说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("提交复查或确认完成时必填：做了什么、依据哪些材料。"),
    )
    reason = forms.CharField(
        label=_("不适用理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("选择“不适用”时必填。"),
    )

    def __init__(self, *args, manager=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not manager:
            self.fields["status"].choices = [
                (value, label)
                for value, label in Task.Status.choices
                if value in (Task.Status.TO_RECTIFY, Task.Status.IN_PROGRESS, Task.Status.REVIEW)
            ]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("备注"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("备注不能为空。")},
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("证明材料"),
        help_text=_("PDF、JPG/PNG 图片或 Word、Excel、PowerPoint 文档，单个不超过 10 MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("请选择要上传的文件。")},
    )


class ReCheckScopeForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("复查范围"), choices=ReCheck.Scope.choices, initial=ReCheck.Scope.FAILED
    )


class ShareForm(forms.Form):
    recipient_kind = forms.ChoiceField(label=_("共享对象类型"), choices=Share.RecipientKind.choices)
    contact_point = forms.ModelChoiceField(
        label=_("合规建设联系点"),
        queryset=ContactPoint.objects.order_by("sort_order", "association"),
        required=False,
        empty_label=_("（请选择）"),
    )
    recipient_name = forms.CharField(
        label=_("部门或机构名称"),
        max_length=200,
        required=False,
        help_text=_("共享给职能部门或第三方评估机构时填写。"),
    )
    recipient_email = forms.EmailField(
        label=_("接收邮箱"), required=False, help_text=_("填写后系统会把只读链接发送到该邮箱。")
    )
    days = forms.IntegerField(label=_("有效天数"), min_value=1, max_value=365, initial=90)
    consent = forms.BooleanField(
        label=_("本企业同意将该整改计划、证明材料和整改报告以只读方式共享给上述对象。"),
        error_messages={"required": _("共享前须确认同意。")},
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("recipient_kind")
        if kind == Share.RecipientKind.CONTACT_POINT and not cleaned.get("contact_point"):
            self.add_error("contact_point", _("请选择联系点。"))
        if (
            kind
            and kind != Share.RecipientKind.CONTACT_POINT
            and not (cleaned.get("recipient_name") or "").strip()
        ):
            self.add_error("recipient_name", _("请填写部门或机构名称。"))
        return cleaned
