from django import forms
from django.utils.translation import gettext_lazy as _

from events.models.questions import RegistrationQuestion
from events.models.registrations import AttendeeMessage, Feedback


class RegistrationForm(forms.Form):
    """The event's own questions, then the consent to the use of personal data."""

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in event.questions.all():
            name = f"q_{question.pk}"
            if question.kind == RegistrationQuestion.Kind.CHOICE:
                choices = [("", _("请选择"))] + [(o, o) for o in question.option_list]
                self.fields[name] = forms.ChoiceField(
                    label=question.label, choices=choices, required=question.required
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.label, required=question.required, max_length=500
                )
        self.fields["consent"] = forms.BooleanField(
            label=_(
                "我同意主办方为组织本活动（报名审核、签到、通知和满意度回访）使用我的姓名、手机号、邮箱和所属企业。"
            ),
            error_messages={"required": _("请阅读并同意活动报名的个人信息使用说明。")},
        )


class StaffRegistrationForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("选择员工"),
        error_messages={
            "required": _("请至少选择一名员工。"),
            "invalid_choice": _("只能为本企业的成员报名。"),
            "invalid_pk_value": _("只能为本企业的成员报名。"),
        },
    )
    consent = forms.BooleanField(
        label=_("我已告知所选员工，并取得其同意由主办方为组织本活动使用其个人信息。"),
        error_messages={"required": _("请确认已告知员工并取得其同意使用个人信息报名。")},
    )

    def __init__(self, users, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = users
        self.fields["members"].label_from_instance = lambda u: (
            getattr(getattr(u, "profile", None), "real_name", "") or u.email
        )


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("总体满意度"),
        coerce=int,
        choices=[
            (5, _("5 非常满意")),
            (4, _("4 满意")),
            (3, _("3 一般")),
            (2, _("2 不满意")),
            (1, _("1 很不满意")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意度。"), "invalid_choice": _("满意度须为 1 到 5。")},
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}


class AddAttendeeForm(forms.Form):
    email = forms.EmailField(
        label=_("参会者账户邮箱"), error_messages={"invalid": _("请输入有效的邮箱地址。")}
    )


class DecisionForm(forms.Form):
    """Approve or reject the ticked pending registrations at once."""

    decision = forms.ChoiceField(
        choices=[("approve", _("审核通过")), ("reject", _("审核不通过"))],
        error_messages={"required": _("请选择审核结果。"), "invalid_choice": _("请选择审核结果。")},
    )
    registration = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={"required": _("请先勾选报名。"), "invalid_choice": _("所选报名不存在。")},
    )
    reason = forms.CharField(label=_("未通过原因"), required=False, max_length=1000)

    def __init__(self, *args, registration_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [(pk, pk) for pk in registration_ids]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("请填写未通过的原因，报名人会收到这段说明。"))
        return cleaned


class AttendeeMessageForm(forms.ModelForm):
    class Meta:
        model = AttendeeMessage
        fields = ["audience", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "subject": {"required": _("请填写标题。")},
            "body": {"required": _("请填写正文。")},
            "audience": {"required": _("请选择发送对象。")},
        }
