"""Compliance contact points (合规建设联系点) run by industry associations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ContactPoint(index.Indexed, models.Model):
    association = models.CharField(_("行业协会"), max_length=100)
    name = models.CharField(_("联系点名称"), max_length=100, blank=True)
    industry = models.ForeignKey(
        "library.Industry",
        verbose_name=_("行业"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_points",
    )
    address = models.CharField(_("地址"), max_length=255)
    contact_person = models.CharField(_("联系人"), max_length=50)
    phone = models.CharField(_("电话"), max_length=40)
    email = models.EmailField(_("邮箱"), blank=True)
    opening_hours = models.CharField(_("服务时间"), max_length=100, blank=True)
    services = models.TextField(_("服务内容"), help_text=_("每行一项"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("association"),
        FieldPanel("name"),
        FieldPanel("industry"),
        FieldPanel("address"),
        FieldPanel("contact_person"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("opening_hours"),
        FieldPanel("services"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("association"),
        index.SearchField("name"),
        index.SearchField("services"),
        index.AutocompleteField("association"),
    ]

    # Listed on guideline pages and the directory: saving one refreshes the page cache.
    invalidates_page_cache = True

    class Meta:
        verbose_name = _("合规建设联系点")
        verbose_name_plural = _("合规建设联系点")
        ordering = ["sort_order", "association"]

    def __str__(self):
        return self.name or self.association

    @property
    def service_list(self):
        return [line.strip() for line in self.services.splitlines() if line.strip()]
