"""Enterprise accounts: a user's profile, the enterprise (tenant), its members and invitations."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import normalize_credit_code, normalize_phone, validate_credit_code

PRIVACY_NOTICE_VERSION = "2026-11"


class Profile(models.Model):
    """What a person tells us about themselves, and when they consented to the privacy notice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    real_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    privacy_consented_at = models.DateTimeField(_("同意隐私政策时间"), null=True, blank=True)
    privacy_notice_version = models.CharField(_("隐私政策版本"), max_length=20, blank=True)
    erased_at = models.DateTimeField(_("注销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("个人资料")
        verbose_name_plural = _("个人资料")

    def __str__(self):
        return self.real_name or self.user.email

    def save(self, *args, **kwargs):
        self.phone = normalize_phone(self.phone)
        super().save(*args, **kwargs)


def display_name(user):
    """The name to print on certificates, tickets and lists."""
    profile = getattr(user, "profile", None)
    if profile is not None and profile.erased_at:
        return str(_("已注销用户"))
    return (profile.real_name if profile else "") or user.get_full_name() or user.email


class EnterpriseSize(models.TextChoices):
    LARGE = "large", _("大型")
    MEDIUM = "medium", _("中型")
    SMALL = "small", _("小型")
    MICRO = "micro", _("微型")


class Enterprise(models.Model):
    """An enterprise is a tenant: its members' learning and registrations are seen by its officer."""

    name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("该统一社会信用代码已被其他企业注册。")},
    )
    industry = models.ForeignKey(
        "library.Industry",
        verbose_name=_("所属行业"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    size = models.CharField(_("企业规模"), max_length=10, choices=EnterpriseSize.choices)
    address = models.CharField(_("地址"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalize_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    @property
    def officers(self):
        return self.memberships.filter(role=Membership.Role.OFFICER)


class Membership(models.Model):
    """A user belongs to at most one enterprise."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("合规专员")
        STAFF = "staff", _("员工")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("企业")
    )
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.STAFF)
    joined_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("企业成员")
        verbose_name_plural = _("企业成员")
        ordering = ["-role", "joined_at"]

    def __str__(self):
        return f"{self.user} @ {self.enterprise}"

    @property
    def is_officer(self):
        return self.role == self.Role.OFFICER


def new_invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An emailed invitation to join an enterprise; its link works once."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("企业")
    )
    email = models.EmailField(_("邮箱"))
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    VALID_DAYS = 14

    class Meta:
        verbose_name = _("成员邀请")
        verbose_name_plural = _("成员邀请")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.enterprise}"

    @property
    def is_usable(self):
        expired = self.created_at and timezone.now() - self.created_at > timezone.timedelta(
            days=self.VALID_DAYS
        )
        return not (self.accepted_at or self.revoked_at or expired)


class JoinRequest(models.Model):
    """Someone whose firm is already registered asks its compliance officer to let them join."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("企业")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("申请人"),
    )
    message = models.CharField(_("留言"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved = models.BooleanField(_("已同意"), null=True)

    class Meta:
        verbose_name = _("加入申请")
        verbose_name_plural = _("加入申请")
        ordering = ["-created_at"]
        constraints = [
            # One open request per person: a second click or a second tab changes nothing.
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(decided_at__isnull=True), name="one_open_join_request"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.enterprise}"

    @property
    def is_open(self):
        return self.decided_at is None
