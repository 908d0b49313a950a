from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import display_name
from consult.attachments import ACCEPT, MAX_FILES, MAX_SIZE, check_uploads
from consult.models import Complexity, ConsultationRequest, Department
from library.models import Industry, RiskArea


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by extension, content and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("可选，最多 %(count)s 个，每个不超过 %(size)s MB:PDF、JPG/PNG、Word、Excel、PowerPoint。")
            % {"count": MAX_FILES, "size": MAX_SIZE // (1024 * 1024)},
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        check_uploads(files)
        return files


class RequestForm(forms.ModelForm):
    industry = forms.ModelChoiceField(
        label=_("所属行业"), queryset=Industry.objects.all(), required=False, empty_label=_("请选择")
    )
    risk_area = forms.ModelChoiceField(
        label=_("风险领域"), queryset=RiskArea.objects.all(), required=False, empty_label=_("请选择")
    )
    department = forms.ModelChoiceField(
        label=_("受理部门"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("不确定，由默认受理部门分派"),
    )
    attachments = MultipleFileField(label=_("附件"))

    class Meta:
        model = ConsultationRequest
        fields = [
            "title",
            "industry",
            "risk_area",
            "description",
            "department",
            "urgent",
            "may_publish_anonymously",
        ]
        labels = {
            "title": _("问题标题"),
            "description": _("问题描述"),
            "urgent": _("紧急（如涉及即将到期的整改、听证或检查）"),
            "may_publish_anonymously": _("同意在隐去企业和个人信息后，将本咨询作为典型问答公开"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 7, "maxlength": 5000})}

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if len(title) < 4:
            raise forms.ValidationError(_("标题至少 4 个字，请简要概括您的问题。"))
        return title

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("请至少用 10 个字描述问题的经过和您想了解的内容。"))
        if len(text) > 5000:
            raise forms.ValidationError(_("问题描述不能超过 5000 字。"))
        return text


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4, "maxlength": 5000})
    )
    attachments = MultipleFileField(label=_("附件"))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("请填写内容。"))
        return text


class CloseForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("满意度评分"),
        coerce=int,
        choices=[
            (5, _("5 分 · 非常满意")),
            (4, _("4 分 · 满意")),
            (3, _("3 分 · 一般")),
            (2, _("2 分 · 不满意")),
            (1, _("1 分 · 非常不满意")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择评分。"), "invalid_choice": _("请给出 1 到 5 分的评分。")},
    )
    comment = forms.CharField(
        label=_("评价与建议"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- staff forms (Wagtail admin) -------------------------------------------------------------


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None, empty_label=_("请选择"))

    def __init__(self, *args, department, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = department.staff().order_by("username")
        self.fields["assignee"].label_from_instance = lambda user: f"{display_name(user)} ({user.email})"


class FinishForm(forms.Form):
    summary = forms.CharField(
        label=_("办结说明"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明办理结果和依据，企业会收到这段说明。"),
        error_messages={"required": _("请填写办结说明。")},
    )


class TransferForm(forms.Form):
    to_department = forms.ModelChoiceField(label=_("转至部门"), queryset=None, empty_label=_("请选择"))
    reason = forms.CharField(label=_("转办理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_department"].queryset = Department.objects.exclude(pk=current.pk)


class ClassifyForm(forms.Form):
    complexity = forms.ChoiceField(
        label=_("事项类型"),
        choices=Complexity.choices[1:],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择简单事项或复杂事项。"),
            "invalid_choice": _("请选择简单事项或复杂事项。"),
        },
    )

    def __init__(self, *args, config=None, **kwargs):
        super().__init__(*args, **kwargs)
        if config is not None:
            # Say what each choice means for the clock, from the desk's own settings.
            self.fields["complexity"].choices = [
                (Complexity.SIMPLE, _("简单事项（%(n)s 个工作日内办结）") % {"n": config.simple_days}),
                (Complexity.COMPLEX, _("复杂事项（%(n)s 个工作日内反馈）") % {"n": config.complex_days}),
            ]
