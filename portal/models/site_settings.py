"""Header navigation and footer, edited in the Wagtail admin's settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from core.i18n import in_active_language

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
    about_en = RichTextField(_("英文简介"), blank=True, features=["bold", "link"])
    links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("底部链接"))
    contact = models.CharField(_("联系方式"), max_length=255, blank=True)
    contact_en = models.CharField(_("英文联系方式"), max_length=255, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=64, blank=True)

    panels = [
        FieldPanel("about"),
        FieldPanel("about_en"),
        FieldPanel("links"),
        FieldPanel("contact"),
        FieldPanel("contact_en"),
        FieldPanel("icp_number"),
    ]

    # The English interface shows the English text where it is filled in.
    @property
    def localized_about(self):
        return in_active_language(self.about, self.about_en)

    @property
    def localized_contact(self):
        return in_active_language(self.contact, self.contact_en)

    class Meta:
        verbose_name = _("页脚")


@register_setting(icon="doc-full-inverse")
class CertificateSettings(BaseSiteSetting):
    """Who issues the platform's certificates, and the seal printed beside the issuer."""

    issuer = models.CharField(
        _("发证单位"),
        max_length=100,
        blank=True,
        help_text=_("印在结业证书和证书验证页上的主办单位名称；留空时使用“合规学堂”"),
    )
    seal = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("印章图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("可选：透明背景的 PNG 印章，盖在发证单位上"),
    )

    panels = [FieldPanel("issuer"), FieldPanel("seal")]

    class Meta:
        verbose_name = _("证书")
