"""Site-wide pages: the home page and a standard page."""

import hashlib
import json
import time

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.fragments import kept_route, page_fragment
from core.i18n import route_through_source_tree
from core.pages import SitePage, SitePageManager
from core.search import SearchablePage


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("文字"))
    label_en = blocks.CharBlock(
        label=_("英文文字"), required=False, help_text=_("英文界面显示，留空时显示中文")
    )
    page = blocks.PageChooserBlock(label=_("页面"), required=False)
    url = blocks.CharBlock(label=_("链接"), required=False, help_text=_("未选择页面时使用"))

    class Meta:
        icon = "link"
        label = _("链接")

    def get_url(self, value):
        page = value.get("page")
        return page.url if page else value.get("url") or "#"


class HeroCallBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"))
    subtitle = blocks.TextBlock(label=_("副标题"), required=False)
    actions = blocks.ListBlock(LinkBlock(), label=_("按钮"), required=False, max_num=3)

    class Meta:
        icon = "pick"
        label = _("首屏横幅")
        template = "blocks/hero_block.html"


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("栏目标题"))
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("页面"))

    class Meta:
        icon = "list-ul"
        label = _("精选内容")
        template = "blocks/featured_pages_block.html"


# How long a feed's HTML is kept at most (core.fragments; see ContentFeedBlock.render).
FEED_SECONDS = 60


class ContentFeedBlock(blocks.StructBlock):
    """The newest content of one kind, supplied by the app that owns it (see core.feeds)."""

    heading = blocks.CharBlock(label=_("栏目标题"))
    kind = blocks.ChoiceBlock(
        choices=[
            ("guidelines", _("行业合规指引")),
            ("cases", _("典型案例")),
            ("courses", _("视频课程")),
            ("drills", _("模拟执法检查")),
            ("events", _("近期活动")),
        ],
        label=_("内容"),
    )
    count = blocks.IntegerBlock(label=_("数量"), default=4, min_value=1, max_value=12)

    class Meta:
        icon = "list-ul"
        label = _("内容动态")
        template = "blocks/content_feed_block.html"

    def get_context(self, value, parent_context=None):
        from core.feeds import get_feed_items

        context = super().get_context(value, parent_context)
        context["items"] = get_feed_items(value["kind"], value["count"])
        return context

    def render(self, value, context=None):
        """The feed's HTML, kept for at most FEED_SECONDS on the page that shows it (core.fragments):
        a publication below that page (the home page is above all of them) starts a new one at
        once, and an upcoming event that has ended leaves the feed within the time."""
        request, page = (context or {}).get("request"), (context or {}).get("page")
        if request is None or not isinstance(page, Page):
            return super().render(value, context)
        chosen = json.dumps(self.get_prep_value(value), sort_keys=True, ensure_ascii=False)
        period = int(time.time() // FEED_SECONDS)
        name = f"feed:{hashlib.sha256(chosen.encode()).hexdigest()}:{period}"
        return page_fragment(
            page,
            request,
            name,
            lambda: super(ContentFeedBlock, self).render(value, context),
            seconds=FEED_SECONDS,
        )


class HomeStreamBlock(blocks.StreamBlock):
    hero = HeroCallBlock()
    featured = FeaturedPagesBlock()
    feed = ContentFeedBlock()
    text = blocks.RichTextBlock(label=_("段落"), icon="pilcrow")


class HomePage(SitePage, SearchablePage, Page):
    objects = SitePageManager()

    search_listed = False  # the site itself, not a result

    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("内容"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    # Named, not imported: portal knows no content app's code (CONTRIBUTING.md).
    subpage_types = [
        "portal.StandardPage",
        "library.GuidelineIndexPage",
        "library.CaseIndexPage",
        "courses.CourseIndexPage",
        "drills.DrillIndexPage",
        "events.EventIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def route(self, request, path_components):
        # Every language shares the Chinese tree's URLs (core.i18n); where a URL leads is kept
        # between requests (core.fragments).
        return kept_route(
            self,
            request,
            path_components,
            lambda: route_through_source_tree(self, request, path_components, SitePage.route),
        )


class StandardPage(SitePage, SearchablePage, Page):
    objects = SitePageManager()

    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("普通页面")
        verbose_name_plural = _("普通页面")
