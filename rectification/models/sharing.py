"""Sharing a plan with consent: read-only links for a contact point or a department, revocable and logged."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .plans import Plan


def new_share_token():
    return secrets.token_urlsafe(24)


class Share(models.Model):
    class RecipientKind(models.TextChoices):
        CONTACT_POINT = "contact_point", _("合规建设联系点")
        DEPARTMENT = "department", _("职能部门")
        EVALUATOR = "evaluator", _("第三方评估机构")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="shares", verbose_name=_("整改计划")
    )
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    recipient_kind = models.CharField(_("共享对象类型"), max_length=20, choices=RecipientKind.choices)
    contact_point = models.ForeignKey(
        "library.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("联系点"),
    )
    recipient_name = models.CharField(_("共享对象"), max_length=200)
    recipient_email = models.EmailField(_("接收邮箱"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("共享人"),
    )
    created_at = models.DateTimeField(_("共享时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("整改计划共享")
        verbose_name_plural = _("整改计划共享")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.plan} → {self.recipient_name}"

    def get_absolute_url(self):
        return reverse("rectification:shared", args=[self.token])

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class ShareAccess(models.Model):
    """One read through a share link: what was opened and when."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="accesses")
    accessed_at = models.DateTimeField(_("访问时间"), default=timezone.now)
    path = models.CharField(_("访问内容"), max_length=255)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    class Meta:
        verbose_name = _("共享访问记录")
        verbose_name_plural = _("共享访问记录")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.share} · {self.accessed_at:%Y-%m-%d %H:%M}"
