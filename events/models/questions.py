"""The questions an organiser asks at registration (inline children of EventPage)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class RegistrationQuestion(Orderable):
    """A question the organiser asks at registration: free text or a choice among options."""

    class Kind(models.TextChoices):
        TEXT = "text", _("文字")
        CHOICE = "choice", _("单选")

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("问题"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    options = models.TextField(_("选项"), blank=True, help_text=_("单选题的选项，每行一个"))
    required = models.BooleanField(_("必答"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("options"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("报名问题")
        verbose_name_plural = _("报名问题")

    def __str__(self):
        return self.label

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        if self.kind == self.Kind.CHOICE and len(self.option_list) < 2:
            raise ValidationError({"options": _("单选题至少需要两个选项，每行一个。")})
