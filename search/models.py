"""The public search's documents, their index terms and the editors' synonyms.

Content pages declare what is searchable through ``core.search.SearchablePage`` (Wagtail
``search_fields`` for the text, plus industries, labels, dates and sections such as a
guideline's items); ``search.indexing`` turns each into flat documents (title, summary,
original text, industries, event dates) and their weighted terms (``SearchTerm``), which
the database engine ranks and the facets count. Wagtail's own index still covers every
page, snippet, image and document for the admin.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core import request_memo

INDEX_VERSION_KEY = "search:index-version"


class SearchDocument(models.Model):
    """One search result: a live, public page, or a section of one (a guideline item)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_documents", verbose_name=_("页面")
    )
    section = models.CharField(
        _("页内位置"), max_length=64, blank=True, help_text=_("页面内的锚点（如指引条目），整页为空")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("内容类型")
    )
    title = models.CharField(_("标题"), max_length=255)
    summary = models.TextField(_("摘要"), blank=True)
    text = models.TextField(
        _("正文文本"), blank=True, help_text=_("页面可搜索字段的原文（未分词），用于摘要高亮和子串检索")
    )
    labels = models.TextField(_("标签"), blank=True, help_text=_("等级、4+X 类别、行业等，每行一个"))
    industries = models.ManyToManyField(
        "library.Industry", blank=True, related_name="+", verbose_name=_("行业")
    )
    starts_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("搜索文档")
        verbose_name_plural = _("搜索文档")
        constraints = [
            models.UniqueConstraint(fields=["page", "section"], name="search_document_page_section")
        ]
        # What the ranking query reads of every matching document (search.engine): narrow, so
        # the index answers alone instead of each document's row with its whole text.
        indexes = [models.Index(fields=["id", "content_type", "ends_at"], name="search_document_facets")]

    def __str__(self):
        return self.title

    def url(self, request=None):
        base = self.page.get_url(request) or ""
        return f"{base}#{self.section}" if self.section and base else base

    @staticmethod
    def index_changed():
        """Documents or their terms were written: what ``search.statistics`` kept is stale.

        Now, for this transaction's own queries, and again once it commits: a query between
        the two would otherwise keep counts of the rows as they were before.
        """

        def changed():
            cache.set(INDEX_VERSION_KEY, uuid.uuid4().hex, None)
            request_memo.forget(lambda key: key == INDEX_VERSION_KEY)

        changed()
        transaction.on_commit(changed)

    @staticmethod
    def index_version():
        """The index's version, read once a request (the statistics and the document sets ask)."""

        def read():
            version = cache.get(INDEX_VERSION_KEY)
            if version is None:
                version = uuid.uuid4().hex
                cache.set(INDEX_VERSION_KEY, version, None)
            return version

        return request_memo.once_per_request(INDEX_VERSION_KEY, read)


class SearchTerm(models.Model):
    """A term of a document with its BM25 weight (term frequency saturated, length normalised).

    The query's inverse document frequencies are counted at query time, so the weights stay
    valid as documents come and go.
    """

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        verbose_name = _("索引词")
        verbose_name_plural = _("索引词")
        # One row per (term, document), written by search.indexing; the index answers the
        # ranking query alone (PostgreSQL: an index-only scan).
        # A single term's best documents are read in score order (search.engine.ranked_term).
        indexes = [
            models.Index(fields=["term", "document", "weight"], name="search_term_lookup"),
            models.Index(fields=["term", "-weight", "-document"], name="search_term_ranked"),
        ]

    def __str__(self):
        return self.term


SYNONYMS_VERSION_KEY = "search:synonyms-version"


class SynonymGroup(models.Model):
    """Words that mean the same to a searcher (社保, 社会保险): a query for one finds them all."""

    terms = models.TextField(
        _("同义词"), help_text=_("用逗号或顿号分隔，如：社保，社会保险，五险一金"), unique=True
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")
        ordering = ["pk"]

    def __str__(self):
        return "、".join(self.words())

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        SynonymGroup.changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        SynonymGroup.changed()
        return result

    def clean(self):
        super().clean()
        words = self.words()
        if len(words) < 2:
            raise ValidationError({"terms": _("至少填写两个词，用逗号分隔。")})
        if any(len(word) > 64 for word in words):
            raise ValidationError({"terms": _("每个词不超过 64 个字符。")})
        self.terms = ", ".join(words)

    def words(self):
        from search.analysis import split_group

        return split_group(self.terms)

    @staticmethod
    def changed():
        cache.set(SYNONYMS_VERSION_KEY, uuid.uuid4().hex, None)

    @staticmethod
    def current_version():
        """A token that changes whenever a group does (every process compares it per query)."""
        version = cache.get(SYNONYMS_VERSION_KEY)
        if version is None:
            latest = SynonymGroup.objects.aggregate(latest=models.Max("updated_at"), count=models.Count("pk"))
            version = f"{latest['latest']}/{latest['count']}"
            cache.set(SYNONYMS_VERSION_KEY, version, None)
        return version
