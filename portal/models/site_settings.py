"""Header navigation and footer, edited in the Wagtail admin's settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from .pages import LinkBlock


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    header_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("顶部导航"))

    panels = [FieldPanel("header_links")]

    class Meta:
        verbose_name = _("导航")


@register_setting(icon="doc-full")
class FooterSettings(BaseSiteSetting):
    about = RichTextField(_("简介"), blank=True, features=["bold", "link"])
    links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("底部链接"))
    contact = models.CharField(_("联系方式"), max_length=255, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=64, blank=True)

    panels = [FieldPanel("about"), FieldPanel("links"), FieldPanel("contact"), FieldPanel("icp_number")]

    class Meta:
        verbose_name = _("页脚")
