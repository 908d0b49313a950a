"""合规整改报告 as issued: a frozen snapshot, its content hash and a public verification code."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .plans import Plan


def new_report_code():
    return secrets.token_urlsafe(16)


class IssuedReport(models.Model):
    """The PDF and XLSX are drawn from ``snapshot``; ``content_hash`` is its SHA-256, printed on both."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="reports", verbose_name=_("整改计划")
    )
    code = models.CharField(_("验证码"), max_length=32, unique=True, default=new_report_code, editable=False)
    issued_at = models.DateTimeField(_("出具时间"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("出具人"),
    )
    snapshot = models.JSONField(_("报告内容"))
    content_hash = models.CharField(_("内容摘要（SHA-256）"), max_length=64)
    pdf_sha256 = models.CharField(_("PDF 文件摘要"), max_length=64, blank=True)
    withdrawn_at = models.DateTimeField(_("作废时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("合规整改报告")
        verbose_name_plural = _("合规整改报告")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.plan} · {self.issued_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("rectification:verify", args=[self.code])
