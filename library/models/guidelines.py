"""Industry compliance guidelines ("红绿灯"): one page per industry, made of graded items."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.i18n import in_visitor_language, source_language_only, source_page
from core.pages import SitePage, SitePageManager
from core.request_memo import once_per_generation
from core.search import SearchablePage, SearchSection
from library.choices import FlexibleCategory, GuidelineLevel

ITEM_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class GuidelineIndexPage(SitePage, SearchablePage, RoutablePageMixin, Page):
    """/guidelines/: every industry's guideline page, the 4+X list and the contact points."""

    objects = SitePageManager()

    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["library.GuidelinePage", "library.FlexibleEnforcementPage"]
    principal_subpage_type = "library.GuidelinePage"
    max_count = 1

    class Meta:
        verbose_name = _("行业合规指引目录")
        verbose_name_plural = _("行业合规指引目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        levels = GuidelineItem.Level
        source = source_page(self)
        guideline_pages = (
            GuidelinePage.objects.child_of(source)
            .live()
            .public()
            .select_related("industry", "risk_area")
            .annotate(
                red_count=Count("items", filter=Q(items__level=levels.RED)),
                yellow_count=Count("items", filter=Q(items__level=levels.YELLOW)),
                green_count=Count("items", filter=Q(items__level=levels.GREEN)),
            )
            .order_by("industry__sort_order", "industry__name", "title")
        )
        context["guideline_pages"] = in_visitor_language(
            guideline_pages,
            related=("industry", "risk_area"),
            keep=("red_count", "yellow_count", "green_count"),
        )
        flexible_page = FlexibleEnforcementPage.objects.child_of(source).live().public().first()
        context["flexible_page"] = flexible_page and in_visitor_language([flexible_page])[0]
        context["contact_points_url"] = self.contact_points_url
        return context

    @property
    def contact_points_url(self):
        return (self.url or "/") + self.reverse_subpage("contact_points")

    @path("contact-points/", name="contact_points")
    def contact_points(self, request):
        """The directory of industry associations' compliance contact points."""
        from library.models.contacts import ContactPoint

        points = ContactPoint.objects.select_related("industry")
        return TemplateResponse(
            request, "library/contact_points.html", {"page": self, "self": self, "contact_points": points}
        )

    def search_industries(self):
        return []

    @property
    def search_summary(self):
        return self.intro


class GuidelinePage(SitePage, SearchablePage, RoutablePageMixin, Page):
    """One industry's guideline: red lines, bottom lines and recommended practice."""

    objects = SitePageManager()
    served_with = ("industry",)

    industry = models.ForeignKey(
        "library.Industry", verbose_name=_("行业"), on_delete=models.PROTECT, related_name="guideline_pages"
    )
    risk_area = models.ForeignKey(
        "library.RiskArea",
        verbose_name=_("聚焦风险领域"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("留空表示覆盖该行业的全部风险领域"),
    )
    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("industry"), FieldPanel("risk_area")], heading=_("适用范围")),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("items", heading=_("指引条目"), label=_("条目")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("industry"),
        index.RelatedFields("industry", [index.SearchField("name")]),
        index.RelatedFields(
            "items",
            [
                index.SearchField("title"),
                index.SearchField("what_to_do"),
                index.SearchField("legal_basis"),
                index.SearchField("consequence"),
                index.SearchField("remedy"),
            ],
        ),
    ]

    parent_page_types = ["library.GuidelineIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("行业合规指引")
        verbose_name_plural = _("行业合规指引")

    def clean(self):
        super().clean()
        # One guideline per industry (and per focus risk area) in each language: two would
        # contradict each other. Its translations are the same guideline.
        if self.industry_id:
            # A page not yet saved has no locale: Wagtail gives it the default one on save.
            locale_id = self.locale_id or self.get_default_locale().pk
            others = GuidelinePage.objects.filter(
                industry_id=self.industry_id, risk_area_id=self.risk_area_id, locale_id=locale_id
            )
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"industry": _("该行业（及风险领域）已有合规指引，请编辑现有页面或选择其他风险领域。")}
                )

    def search_industries(self):
        return [self.industry] if self.industry_id else []

    @property
    def search_summary(self):
        return self.intro or Truncator(strip_tags(str(self.body))).chars(120)

    def search_sections(self):
        """Each item is a result of its own, with its level, risk area and 4+X category as labels."""
        industries = self.search_industries()
        sections = []
        for item in self.items.select_related("risk_area"):
            labels = [str(item.get_level_display()), str(item.risk_area)]
            if item.flexible_category:
                labels.append(str(item.get_flexible_category_display()))
            parts = (
                item.what_to_do_text,
                item.legal_basis,
                item.consequence,
                item.remedy,
                item.flexible_conditions,
            )
            sections.append(
                SearchSection(
                    anchor=item.anchor,
                    title=item.title,
                    text="\n".join(part for part in parts if part),
                    labels=labels,
                    industries=industries,
                    model=GuidelineItem,
                )
            )
        return sections

    @property
    def feed_summary(self):
        return Truncator(self.intro).chars(60)

    def item_filters(self, params):
        from library.filters import GuidelineItemFilterSet

        return GuidelineItemFilterSet(params, self.items.select_related("risk_area"))

    def item_summary(self):
        """(count of each level, ids of the risk areas present, total): one query; works on previews."""
        rows = list(self.items.values_list("level", "risk_area_id"))
        level_counts = Counter(level for level, _risk in rows)
        return level_counts, {risk for _level, risk in rows}, len(rows)

    def filtered_items(self, params):
        """The page's items narrowed by the query string, plus what the filter form needs."""
        filters = self.item_filters(params)
        level_counts, area_ids, total = self.item_summary()
        return {
            "items": filters.qs,
            "filters": filters,
            **self.summary_context(filters, level_counts, area_ids, total),
        }

    def summary_context(self, filters, level_counts, area_ids, total):
        # Any risk area filters (one this page lacks lists nothing); only the page's own are offered.
        risk_areas = [area for area in filters.rows("risk_area") if area.pk in area_ids]
        filters.offer_rows("risk_area", risk_areas)
        return {
            "level_counts": [
                (value, label, level_counts.get(value, 0)) for value, label in GuidelineItem.Level.choices
            ],
            "risk_areas": risk_areas,
            "total_count": total,
        }

    def build_listing(self, filters):
        """What the page shows for ``filters``, as the fragment cache keeps it (library.guideline_fragments)."""
        level_counts, area_ids, total = self.item_summary()
        return {
            "item_ids": list(filters.qs.values_list("pk", flat=True)),
            "level_counts": dict(level_counts),
            "risk_area_ids": area_ids,
            "total_count": total,
        }

    def with_published_cases(self, items, request):
        """``items`` as a list, each with ``published_cases`` (live, public), each case with its ``link_url``."""
        CasePage = _case_page_model()
        # Only what a case link needs: its title and what its URL is made of.
        live_cases = (
            CasePage.objects.live()
            .public()
            .only("id", "title", "url_path", "path", "depth", "locale_id", "content_type_id")
            .order_by("-year", "title")
        )
        if isinstance(items, models.QuerySet):
            items = list(
                items.prefetch_related(Prefetch("cases", queryset=live_cases, to_attr="published_cases"))
            )
        else:
            # A preview's in-memory items: new ones have no cases yet, the rest are few.
            items = list(items)
            for item in items:
                item.published_cases = list(live_cases.filter(guideline_items=item)) if item.pk else []
        # Each linked case's URL once, however many items link it.
        urls = {}
        for item in items:
            for case in item.published_cases:
                if case.pk not in urls:
                    urls[case.pk] = case.get_url(request)
                case.link_url = urls[case.pk]
        return items

    def get_context(self, request, *args, **kwargs):
        from library.guideline_fragments import cached_listing, joined, render_items
        from library.models.contacts import ContactPoint

        context = super().get_context(request, *args, **kwargs)
        filters = self.item_filters(request.GET)
        if getattr(request, "is_preview", False) or not self.pk:
            # A preview shows the draft's items (in memory): everything rendered, nothing stored.
            level_counts, area_ids, total = self.item_summary()
            items_html = joined(render_items(self.with_published_cases(filters.qs, request), request))
        else:

            def load_items(ids):
                by_pk = {
                    item.pk: item
                    for item in self.with_published_cases(filters.qs.filter(pk__in=ids), request)
                }
                return [by_pk[pk] for pk in ids]

            listing = cached_listing(self, filters, request, self.build_listing, load_items)
            level_counts, area_ids, total = (
                listing["level_counts"],
                listing["risk_area_ids"],
                listing["total_count"],
            )
            items_html = listing["items_html"]
        context.update(self.summary_context(filters, level_counts, area_ids, total))
        context["filters"] = filters
        context["items_html"] = items_html
        context["contact_points"] = once_per_generation(
            f"contact-points:{self.industry_id}",
            lambda: list(ContactPoint.objects.filter(industry_id=self.industry_id)),
        )
        context["pdf_url"] = (self.url or "/") + self.reverse_subpage("pdf")
        return context

    def cache_dependencies(self):
        """Pages whose cached HTML shows this page's items (see core.cache)."""
        CasePage = _case_page_model()
        # Every case, not just the ones linked now: an edit may have removed a linked item.
        return [*FlexibleEnforcementPage.objects.live(), *CasePage.objects.live()]

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The checklist as a PDF, honouring the same filters as the page."""
        from core.pdf import pdf_response
        from library.pdf import guideline_pdf

        data = self.filtered_items(request.GET)
        return pdf_response(
            guideline_pdf(self, data["items"], data["filters"]),
            f"{self.title}.pdf",
            f"guideline-{self.industry.code if self.industry_id else self.slug}.pdf",
        )


class GuidelineItem(Orderable):
    """One rule of a guideline, graded red (prohibited), yellow (must hold) or green (recommended)."""

    Level = GuidelineLevel
    FlexibleCategory = FlexibleCategory

    page = ParentalKey(GuidelinePage, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("条目"), max_length=200)
    level = models.CharField(_("等级"), max_length=10, choices=Level.choices, default=Level.YELLOW)
    risk_area = models.ForeignKey(
        "library.RiskArea",
        verbose_name=_("风险领域"),
        on_delete=models.PROTECT,
        related_name="guideline_items",
    )
    what_to_do = RichTextField(
        _("合规要求"), features=ITEM_TEXT_FEATURES, help_text=_("企业应当做什么、不得做什么")
    )
    legal_basis = models.TextField(_("法律依据"), help_text=_("法律名称及条款，如《安全生产法》第二十一条"))
    consequence = models.TextField(_("典型后果"), blank=True, help_text=_("法律责任与处罚幅度"))
    remedy = models.TextField(_("整改建议"), blank=True)
    flexible_category = models.CharField(
        _("柔性执法类别"),
        max_length=20,
        choices=FlexibleCategory.choices,
        blank=True,
        help_text=_("4+X 清单类别，不适用则留空"),
    )
    flexible_conditions = models.TextField(_("柔性执法适用条件"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("level"),
        FieldPanel("risk_area"),
        FieldPanel("what_to_do"),
        FieldPanel("legal_basis"),
        FieldPanel("consequence"),
        FieldPanel("remedy"),
        MultiFieldPanel(
            [FieldPanel("flexible_category"), FieldPanel("flexible_conditions")], heading=_("4+X 柔性执法")
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("指引条目")
        verbose_name_plural = _("指引条目")
        # Items written outside the editor (an import, the demo) may share a sort order: the order
        # they were added in decides, the same on every database and every query.
        ordering = ["sort_order", "pk"]
        indexes = [
            # A guideline page lists its items in order; the 4+X list filters by category.
            models.Index(fields=["page", "sort_order"], name="library_item_page_order"),
            models.Index(fields=["flexible_category"], name="library_item_flexible"),
        ]

    def __str__(self):
        return f"[{self.get_level_display()}] {self.title}"

    @property
    def anchor(self):
        return f"item-{self.pk}"

    def get_absolute_url(self):
        return f"{self.page.url}#{self.anchor}"

    @cached_property
    def what_to_do_text(self):
        return strip_tags(self.what_to_do)


class FlexibleEnforcementPage(SitePage, SearchablePage, Page):
    """The 4+X list: every published item that carries a flexible-enforcement category."""

    objects = SitePageManager()

    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["library.GuidelineIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("4+X 柔性执法清单")
        verbose_name_plural = _("4+X 柔性执法清单")

    @property
    def search_summary(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        from library.filters import FlexibleItemFilterSet

        context = super().get_context(request, *args, **kwargs)
        items = live_items().exclude(flexible_category="").select_related("page__industry", "risk_area")
        filters = FlexibleItemFilterSet(request.GET, items)
        items = filters.qs
        # The 4+X order (首违不罚, 轻微减罚, 认罚轻处, 公益减罚), not the alphabetical one.
        category_order = Case(
            *[
                When(flexible_category=value, then=Value(i))
                for i, value in enumerate(GuidelineItem.FlexibleCategory.values)
            ],
            output_field=models.IntegerField(),
        )
        items = items.order_by(category_order, "page__industry__sort_order", "page__path", "sort_order", "pk")
        context.update(
            filters=filters,
            page_obj=Paginator(items, 20).get_page(request.GET.get("page")),
        )
        return context


def live_items():
    """Items of live guideline pages that are not behind a view restriction."""
    return GuidelineItem.objects.filter(page__in=source_language_only(GuidelinePage.objects.live().public()))


def _case_page_model():
    # Cases link to guideline items (library/models/cases.py imports this module): reach the case
    # page model through that relation rather than importing it back.
    return GuidelineItem._meta.get_field("cases").related_model
