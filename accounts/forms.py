"""Forms for people and enterprises."""

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.models import PRIVACY_NOTICE_VERSION, Enterprise, Membership, Profile, display_name
from accounts.validators import normalize_credit_code, normalize_phone, validate_credit_code, validate_phone


def privacy_policy_url():
    """The live privacy policy page (slug ``privacy``), else its demo address."""
    page = Page.objects.live().filter(slug="privacy").first()
    return (page.url if page else None) or "/privacy/"


class SignupExtraForm(forms.Form):
    """Added to allauth's sign-up form: a name, and explicit consent to the privacy notice (PIPL)."""

    real_name = forms.CharField(label=_("姓名"), max_length=50)
    privacy_consent = forms.BooleanField(error_messages={"required": _("注册前请阅读并同意隐私政策。")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The sentence links the policy it asks consent to.
        self.fields["privacy_consent"].label = format_html(
            _("我已阅读并同意{policy}，同意本平台为提供培训、活动和咨询服务处理我的个人信息。"),
            policy=format_html(
                '<a href="{}" target="_blank">{}</a>', privacy_policy_url(), _("《隐私政策》")
            ),
        )

    def signup(self, request, user):
        profile, _created = Profile.objects.get_or_create(user=user)
        profile.real_name = self.cleaned_data["real_name"]
        profile.privacy_consented_at = timezone.now()
        profile.privacy_notice_version = PRIVACY_NOTICE_VERSION
        profile.save()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["real_name", "phone"]

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if phone:
            validate_phone(phone)
        return phone


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "industry", "size", "address"]
        help_texts = {"credit_code": _("18位，见营业执照。")}

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data["credit_code"])


class JoinRequestForm(forms.Form):
    prefix = "join"  # shown beside the registration form, whose fields have the same names
    credit_code = forms.CharField(
        label=_("企业的统一社会信用代码"), max_length=40, help_text=_("18位，见营业执照。")
    )
    message = forms.CharField(
        label=_("给合规专员的留言"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("选填，例如您的部门和岗位。"),
    )

    def clean_credit_code(self):
        code = normalize_credit_code(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        return code


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("同事邮箱"))


class HandOverForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("新的合规专员"), queryset=Membership.objects.none(), empty_label=_("请选择成员")
    )

    def __init__(self, officer_membership, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            Membership.objects.filter(enterprise_id=officer_membership.enterprise_id)
            .exclude(pk=officer_membership.pk)
            .select_related("user__profile")
        )
        self.fields["member"].label_from_instance = lambda m: f"{display_name(m.user)}({m.user.email})"


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("当前密码"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(label=_("我了解注销后，上面列出要删除的内容将被永久删除，无法恢复。"))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("密码不正确。"))
        return password
