"""The taxonomy every app shares: industries and risk areas, edited as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.i18n import EnglishNameMixin
from core.icons import INDUSTRY_ICONS


class Industry(EnglishNameMixin, index.Indexed, models.Model):
    name = models.CharField(_("行业名称"), max_length=50, unique=True)
    code = models.SlugField(
        _("代码"), max_length=40, unique=True, help_text=_("英文短名，用于网址筛选，如 footwear")
    )
    description = models.TextField(_("简介"), blank=True)
    icon = models.CharField(_("图标"), max_length=40, blank=True, choices=INDUSTRY_ICONS)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("code"), index.AutocompleteField("name")]

    # Shown on many pages: saving one starts a new page-cache generation (core.cache_signals).
    invalidates_page_cache = True

    class Meta:
        verbose_name = _("行业")
        verbose_name_plural = _("行业")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name


class RiskArea(EnglishNameMixin, index.Indexed, models.Model):
    name = models.CharField(_("风险领域"), max_length=50, unique=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    description = models.TextField(_("简介"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    invalidates_page_cache = True

    class Meta:
        verbose_name = _("风险领域")
        verbose_name_plural = _("风险领域")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name
