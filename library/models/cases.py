"""The casebook: typical criminal and administrative cases, linked to guideline items."""

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.fragments import page_fragment, page_kept
from core.i18n import in_visitor_language, source_page
from core.pages import SitePage, SitePageManager
from core.search import SearchablePage
from library.choices import CaseType
from library.models.guidelines import GuidelinePage, live_items

CASE_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class CaseIndexPage(SitePage, SearchablePage, Page):
    """/cases/: the casebook, filterable by industry, case type and year."""

    objects = SitePageManager()

    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["library.CasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("典型案例目录")
        verbose_name_plural = _("典型案例目录")

    @property
    def search_summary(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        from library.filters import CaseFilterSet

        context = super().get_context(request, *args, **kwargs)
        published = CasePage.objects.child_of(source_page(self)).live().public()
        # A card shows none of a case's long texts: they stay in the database.
        listed = published.select_related("industry").defer(*CasePage.LONG_TEXTS)
        filters = CaseFilterSet(request.GET, listed)
        # Any four-digit year filters (one without cases lists nothing); the casebook's own are offered.
        # The casebook's years change only as its cases are published.
        years = page_kept(
            self,
            request,
            "case-years",
            lambda: list(published.order_by("-year").values_list("year", flat=True).distinct()),
        )
        filters.offer("year", [(year, year) for year in years])
        cases = filters.qs.order_by("-year", "-first_published_at")
        page_obj = Paginator(cases, 10).get_page(request.GET.get("page"))
        page_obj.object_list = in_visitor_language(page_obj.object_list, related=("industry",))
        context.update(filters=filters, page_obj=page_obj)
        return context


class CasePage(SitePage, SearchablePage, Page):
    """One typical case: facts, the compliance rectification, the outcome and its lessons."""

    objects = SitePageManager()
    served_with = ("industry",)
    # What the case list leaves unread (its cards show the summary).
    LONG_TEXTS = ("facts", "rectification", "lessons", "body")

    CaseType = CaseType

    industry = models.ForeignKey(
        "library.Industry", verbose_name=_("行业"), on_delete=models.PROTECT, related_name="cases"
    )
    case_type = models.CharField(_("案件类型"), max_length=20, choices=CaseType.choices)
    year = models.PositiveSmallIntegerField(
        _("年份"), validators=[MinValueValidator(1980), MaxValueValidator(2100)]
    )
    summary = models.TextField(_("案情摘要"), help_text=_("一两句话概括案件与结果"))
    facts = RichTextField(_("基本案情"), features=CASE_TEXT_FEATURES)
    rectification = RichTextField(_("合规整改"), features=CASE_TEXT_FEATURES, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=100, help_text=_("如：不起诉、从轻处罚、免予处罚"))
    lessons = RichTextField(
        _("以案说法"), features=CASE_TEXT_FEATURES, blank=True, help_text=_("对同类企业的警示与启示")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("补充内容"))
    # Edited as child links (a searchable chooser that adds without wiping), read as a relation.
    guideline_items = models.ManyToManyField(
        "library.GuidelineItem",
        through="library.CaseGuidelineItem",
        verbose_name=_("关联指引条目"),
        related_name="cases",
        blank=True,
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("industry"), FieldPanel("case_type"), FieldPanel("year"), FieldPanel("outcome")],
            heading=_("案件信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("facts"),
        FieldPanel("rectification"),
        FieldPanel("lessons"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "guideline_item_links",
            chooser_field_name="guidelineitem",
            heading=_("关联指引条目"),
            label=_("指引条目"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("facts"),
        index.SearchField("rectification"),
        index.SearchField("outcome"),
        index.SearchField("lessons"),
        index.FilterField("industry"),
        index.FilterField("case_type"),
        index.FilterField("year"),
        index.RelatedFields("industry", [index.SearchField("name")]),
    ]

    parent_page_types = ["library.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
        # The casebook's filters (type, year) and its newest-year-first order.
        indexes = [
            models.Index(fields=["year"], name="library_case_year"),
            models.Index(fields=["case_type", "year"], name="library_case_type_year"),
        ]

    def search_industries(self):
        return [self.industry] if self.industry_id else []

    @property
    def search_summary(self):
        return self.summary or Truncator(strip_tags(self.facts)).chars(120)

    @property
    def feed_summary(self):
        return Truncator(self.summary).chars(60)

    def cache_dependencies(self):
        """Pages whose cached HTML shows this case (see core.cache)."""
        # Every guideline (their items list their cases; links may just have been removed)
        # and this industry's cases ("同行业案例").
        return [
            *GuidelinePage.objects.live(),
            *CasePage.objects.live().filter(industry_id=self.industry_id).exclude(pk=self.pk),
        ]

    def linked_items(self):
        """The guideline items this case illustrates, limited to published guidelines."""
        return (
            # Through the child links so a preview shows the draft's choice of items.
            live_items()
            .filter(pk__in=[link.guidelineitem_id for link in self.guideline_item_links.all()])
            .select_related("page__industry", "risk_area")
            .order_by("page__path", "sort_order", "pk")  # pk: items not yet ordered keep their order
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def render():
            values = {"page": self}
            if self.pk:
                values["linked_items"] = self.linked_items()
                values["similar_cases"] = (
                    CasePage.objects.live()
                    .public()
                    .filter(industry_id=self.industry_id)
                    .exclude(pk=self.pk)
                    .order_by("-year")[:3]
                )
            return render_to_string("library/includes/case_article.html", values, request)

        # Nothing on a case is personal: the whole article is kept as HTML (core.fragments).
        context["article_html"] = page_fragment(self, request, "case-article", render)
        return context


class CaseGuidelineItem(Orderable):
    """A case's link to a guideline item it illustrates (the through table of ``CasePage.guideline_items``)."""

    casepage = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="guideline_item_links")
    guidelineitem = models.ForeignKey(
        "library.GuidelineItem", on_delete=models.CASCADE, related_name="+", verbose_name=_("指引条目")
    )

    panels = [FieldPanel("guidelineitem")]

    class Meta(Orderable.Meta):
        verbose_name = _("关联指引条目")
        verbose_name_plural = _("关联指引条目")
        constraints = [
            models.UniqueConstraint(fields=["casepage", "guidelineitem"], name="library_case_item_once")
        ]

    def __str__(self):
        return str(self.guidelineitem)
