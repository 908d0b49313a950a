from django.db import models
from django.utils.translation import gettext_lazy as _


class SentNotification(models.Model):
    """One row per notification that went out, keyed by what it is about and its kind.

    A job may run twice (a worker killed before it acknowledged); the unique key makes the
    second run send nothing (core.notifications.send_once).
    """

    key = models.CharField(_("通知标识"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已发送通知")
        verbose_name_plural = _("已发送通知")

    def __str__(self):
        return self.key
