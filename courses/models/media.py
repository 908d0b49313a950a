"""Course videos and audio: Wagtail's media library, kept out of the public ``/media/`` folder.

The files live in private storage; learners get them from the course page's lesson routes
(enrolled learners only, with byte ranges) and editors from the admin's preview route.
Thumbnails stay public: they are posters, not course content.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtailmedia.models import AbstractMedia

from core.storage import private_storage


class CourseMedia(AbstractMedia):
    file = models.FileField(upload_to="media", storage=private_storage, verbose_name=_("文件"))

    class Meta(AbstractMedia.Meta):
        verbose_name = _("课程视频")
        verbose_name_plural = _("课程视频")

    @property
    def url(self):
        """The admin's permission-checked preview (the media library links here); never a public path."""
        return reverse("course_media_file", args=[self.pk])
