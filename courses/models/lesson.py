"""Lessons: the ordered parts of a course. A lesson is a video, text, a document, or a mix."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtailmedia.edit_handlers import MediaChooserPanel

from core.storage import private_storage


def validate_webvtt(upload):
    """A captions file must be WebVTT: browsers ignore anything else in a <track>."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if isinstance(head, bytes):
        head = head.decode("utf-8-sig", errors="replace")
    if not head.lstrip("\ufeff").startswith("WEBVTT"):
        raise ValidationError(_("字幕文件必须是 WebVTT 格式（以 WEBVTT 开头）。"))


class Lesson(Orderable):
    course = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("课时标题"), max_length=200)
    video = models.ForeignKey(
        "courses.CourseMedia",
        verbose_name=_("视频"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("视频须填写时长（秒），用于统计观看进度"),
    )
    captions = models.FileField(
        _("字幕（WebVTT）"),
        upload_to="courses/captions/",
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
    )
    transcript = models.TextField(_("文字稿"), blank=True)
    body = RichTextField(_("图文内容"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("课件下载"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    required = models.BooleanField(_("必修"), default=True, help_text=_("结业须完成所有必修课时"))
    completion_threshold = models.PositiveSmallIntegerField(
        _("完成比例（%）"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("实际观看时长达到视频时长的该比例即完成"),
    )

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                MediaChooserPanel("video", media_type="video"),
                FieldPanel("captions"),
                FieldPanel("transcript"),
            ],
            heading=_("视频"),
        ),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("required"),
        FieldPanel("completion_threshold"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("课时")
        verbose_name_plural = _("课时")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not (self.video_id or self.body or self.document_id or self.transcript):
            raise ValidationError(_("课时至少需要视频、图文内容、文字稿或课件中的一项。"))
        if self.video_id and not (self.video.duration or 0) > 0:
            raise ValidationError(
                {"video": _("所选视频未填写时长，无法统计观看进度。请先在媒体库中填写时长（秒）。")}
            )

    @property
    def is_video(self):
        return self.video_id is not None

    @property
    def duration_seconds(self):
        return float(self.video.duration or 0) if self.video_id else 0.0


class LessonProgress(models.Model):
    """One learner's progress in one lesson: the union of intervals really played, and where they stopped."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    # Sorted, disjoint [start, end] pairs in seconds of media time.
    intervals = models.JSONField(default=list, blank=True)
    watched_seconds = models.FloatField(_("实际观看秒数"), default=0)
    position = models.FloatField(_("上次播放位置"), default=0)
    # The current viewing: opened when the lesson page opens; its reports share one time budget.
    opened_at = models.DateTimeField(_("打开时间"), null=True, blank=True)
    viewing_token = models.CharField(max_length=48, blank=True, editable=False)
    viewing_credited = models.FloatField(_("本次观看已计秒数"), default=0, editable=False)
    last_report_at = models.DateTimeField(_("最后上报时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("学习进度")
        verbose_name_plural = _("学习进度")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="courses_progress_once")]

    def __str__(self):
        return f"{self.user} · {self.lesson}"

    @property
    def is_complete(self):
        return self.completed_at is not None

    @property
    def percent(self):
        duration = self.lesson.duration_seconds
        if not duration:
            return 100 if self.completed_at else 0
        return min(100, round(self.watched_seconds * 100 / duration))
