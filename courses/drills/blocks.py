"""What the trainee is shown at a step: documents laid on the table, photos of the site, notes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ExhibitDocumentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("材料名称"), help_text=_("如：劳动合同（样本）、2026年10月工资表"))
    body = blocks.TextBlock(label=_("材料内容"), help_text=_("摘录学员能看到的内容，保留换行"))

    class Meta:
        icon = "doc-full"
        label = _("书面材料")
        template = "drills/blocks/exhibit_document.html"


class ExhibitPhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("照片"))
    caption = blocks.CharBlock(label=_("说明"), required=False)

    class Meta:
        icon = "image"
        label = _("现场照片")
        template = "drills/blocks/exhibit_photo.html"


class ExhibitStreamBlock(blocks.StreamBlock):
    document = ExhibitDocumentBlock()
    photo = ExhibitPhotoBlock()
    note = blocks.TextBlock(label=_("现场情况"), icon="site", template="drills/blocks/exhibit_note.html")
