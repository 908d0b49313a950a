"""Certificates of completion: an unguessable code, a public verification page, revocation."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.training import format_hours


def chinese_date(moment):
    """2026年12月2日, in local time, whatever the interface language: certificates are Chinese documents."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local.year}年{local.month}月{local.day}日"


def certificate_settings():
    from wagtail.models import Site

    from portal.models import CertificateSettings

    site = Site.objects.filter(is_default_site=True).first()
    return CertificateSettings.for_site(site) if site else None


def current_issuer():
    config = certificate_settings()
    return (config.issuer if config else "") or gettext("合规学堂")


def new_certificate_code():
    # 16 random bytes, URL-safe: 128 bits cannot be guessed or enumerated.
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("有效")
        EXPIRED = "expired", _("已过期")
        REVOKED = "revoked", _("已撤销")

    code = models.CharField(
        _("证书编号"), max_length=32, unique=True, default=new_certificate_code, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("持证人"),
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("课程")
    )
    # Snapshots: what was printed on the certificate stays what the verification page shows.
    holder_name = models.CharField(_("姓名"), max_length=100)
    enterprise_name = models.CharField(_("企业"), max_length=200, blank=True)
    course_title = models.CharField(_("课程名称"), max_length=255)
    issuer_name = models.CharField(_("发证单位"), max_length=100, blank=True)
    training_hours = models.DecimalField(_("学时"), max_digits=6, decimal_places=2, default=0)
    issued_at = models.DateTimeField(_("发证日期"), default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    reminded_at = models.DateTimeField(_("到期提醒时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("结业证书")
        verbose_name_plural = _("结业证书")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.course_title} · {self.holder_name}"

    def get_absolute_url(self):
        return reverse("courses:certificate_verify", args=[self.code])

    @property
    def status(self):
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at and self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def issuer_display(self):
        """The issuing body frozen on the certificate (older ones: the current site setting)."""
        return self.issuer_name or current_issuer()

    @property
    def issued_on(self):
        return chinese_date(self.issued_at)

    @property
    def expires_on(self):
        return chinese_date(self.expires_at) if self.expires_at else ""

    @property
    def hours_display(self):
        """The 学时 as printed: 1.50 → 1.5."""
        return format_hours(self.training_hours)

    def get_status_display(self):
        return self.Status(self.status).label
