"""Blocks that only event pages use."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BaseStreamBlock


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("时间"), max_length=40, help_text=_("如 09:00–09:30"))
    title = blocks.CharBlock(label=_("议程"))
    speaker = blocks.CharBlock(label=_("主讲/主持"), required=False)

    class Meta:
        icon = "time"
        label = _("议程项")
        template = "events/blocks/agenda_item_block.html"


class AgendaStreamBlock(BaseStreamBlock):
    agenda_item = AgendaItemBlock()


class RelatedLinksBlock(blocks.StreamBlock):
    """Related guidelines and courses, chosen as plain pages so events stay independent of those apps."""

    guideline = blocks.PageChooserBlock(label=_("相关合规指引"))
    course = blocks.PageChooserBlock(label=_("相关课程"))
    page = blocks.PageChooserBlock(label=_("其他相关页面"))
