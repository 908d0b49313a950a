"""The public search's documents: one row per live, public, searchable page.

Content apps declare what is searchable (Wagtail ``search_fields``,
``search_industries()``, ``search_summary``); this app turns each page into a
flat document (title, summary, original text, industries, event dates) that both
backends index and the facets count. Wagtail's own index still covers every
page, snippet, image and document for the admin.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class SearchDocument(index.Indexed, models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_document", verbose_name=_("页面")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("内容类型")
    )
    title = models.CharField(_("标题"), max_length=255)
    summary = models.TextField(_("摘要"), blank=True)
    text = models.TextField(
        _("正文文本"), blank=True, help_text=_("页面可搜索字段的原文(未分词),用于摘要高亮和子串检索")
    )
    industries = models.ManyToManyField(
        "library.Industry", blank=True, related_name="+", verbose_name=_("行业")
    )
    starts_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary"),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.FilterField("content_type"),
        index.FilterField("ends_at"),
    ]

    # Indexed by search.indexing (in background jobs, with Elasticsearch alongside),
    # not by modelsearch's per-save signal handlers.
    search_auto_update = False

    class Meta:
        verbose_name = _("搜索文档")
        verbose_name_plural = _("搜索文档")

    def __str__(self):
        return self.title
