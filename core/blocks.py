"""The one StreamField vocabulary that every page body reuses."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"))
    size = blocks.ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2", label=_("级别")
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=[("info", _("提示")), ("warning", _("注意")), ("danger", _("红线"))],
        default="info",
        label=_("类型"),
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("内容"))

    class Meta:
        icon = "warning"
        label = _("提示框")
        template = "blocks/callout_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"],
        label=_("段落"),
        icon="pilcrow",
    )
    image = ImageBlock(label=_("图片"))
    callout = CalloutBlock()
    document = DocumentChooserBlock(label=_("文件下载"), template="blocks/document_block.html")
    quote = blocks.BlockQuoteBlock(label=_("引文"))
    embed = blocks.RawHTMLBlock(label=_("HTML"), group=_("高级"))

    class Meta:
        label = _("正文")
