"""Course pages: the /courses/ index and one page per course with its lessons and quiz settings."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.search import SearchablePage


class CourseIndexPage(SearchablePage, Page):
    """The /courses/ page: every live course, filterable by industry."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("课程列表页")
        verbose_name_plural = _("课程列表页")

    def get_context(self, request, *args, **kwargs):
        from courses.views import course_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_index_context(self, request))
        return context


class CoursePage(SearchablePage, RoutablePageMixin, Page):
    """A course: lessons in order, a question bank and quiz, enrolment rules and a certificate."""

    class EnrolmentMode(models.TextChoices):
        OPEN = "open", _("自由报名")
        APPROVAL = "approval", _("审核报名")

    summary = models.TextField(_("课程简介"), help_text=_("一两句话,用于列表和搜索结果"))
    description = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("课程介绍"))
    industries = ParentalManyToManyField("library.Industry", blank=True, verbose_name=_("适用行业"))
    duration_minutes = models.PositiveIntegerField(
        _("课程时长(分钟)"), default=0, help_text=_("课程视频和阅读的大致总时长")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolment_mode = models.CharField(
        _("报名方式"), max_length=10, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    capacity = models.PositiveIntegerField(_("名额"), null=True, blank=True, help_text=_("留空表示不限名额"))
    block_forward_seeking = models.BooleanField(
        _("禁止快进"), default=False, help_text=_("学员不能把视频拖动到尚未观看的位置")
    )
    # Pass requirements: required lessons are always needed; the quiz when the course has questions.
    requires_quiz = models.BooleanField(
        _("须通过测验"), default=True, help_text=_("结业须通过课程测验(题库为空时不要求)")
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("证书有效期(月)"), null=True, blank=True, help_text=_("留空表示长期有效")
    )
    # Quiz settings: how many questions an attempt draws and how it is passed.
    quiz_question_count = models.PositiveSmallIntegerField(
        _("每次抽题数"),
        default=8,
        validators=[MinValueValidator(1)],
        help_text=_("未设置抽题规则时,从题库中抽取的题目数"),
    )
    quiz_random = models.BooleanField(_("随机抽题"), default=True, help_text=_("否则按题库顺序"))
    quiz_shuffle_options = models.BooleanField(_("选项乱序"), default=True)
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("及格分(百分制)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    quiz_max_attempts = models.PositiveSmallIntegerField(
        _("最多测验次数"), default=3, validators=[MinValueValidator(1)]
    )
    quiz_time_limit_minutes = models.PositiveSmallIntegerField(
        _("答题时限(分钟)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("留空表示不限时"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("industries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("duration_minutes"),
        InlinePanel("instructors", label=_("讲师")),
        FieldPanel("description"),
        InlinePanel("lessons", label=_("课时"), heading=_("课时")),
    ]
    enrolment_panels = [
        MultiFieldPanel(
            [FieldPanel("enrolment_mode"), FieldPanel("capacity"), FieldPanel("block_forward_seeking")],
            heading=_("报名与学习"),
        ),
        MultiFieldPanel(
            [FieldPanel("requires_quiz"), FieldPanel("certificate_validity_months")],
            heading=_("结业与证书"),
        ),
    ]
    quiz_panels = [
        MultiFieldPanel(
            [
                FieldPanel("quiz_question_count"),
                FieldPanel("quiz_random"),
                FieldPanel("quiz_shuffle_options"),
                FieldPanel("quiz_pass_mark"),
                FieldPanel("quiz_max_attempts"),
                FieldPanel("quiz_time_limit_minutes"),
            ],
            heading=_("测验设置"),
        ),
        InlinePanel("quiz_rules", label=_("抽题规则"), heading=_("按标签抽题(可选)")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(enrolment_panels, heading=_("报名与证书")),
            ObjectList(quiz_panels, heading=_("测验")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )

    search_fields = Page.search_fields + [
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.RelatedFields("industries", [index.SearchField("name"), index.FilterField("code")]),
        index.RelatedFields(
            "lessons",
            [index.SearchField("title"), index.SearchField("transcript"), index.SearchField("body")],
        ),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("课程")
        verbose_name_plural = _("课程")

    # Contract with the search app and the home feed.
    def search_industries(self):
        return list(self.industries.all())

    @property
    def search_summary(self):
        return strip_tags(self.summary)[:200]

    @property
    def feed_summary(self):
        return self.search_summary

    @cached_property
    def is_approval_required(self):
        return self.enrolment_mode == self.EnrolmentMode.APPROVAL

    def get_context(self, request, *args, **kwargs):
        from courses.views import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self, request))
        return context

    # Learner actions live under the course's own URL; the views are in courses/views.py.
    @path("enrol/", name="enrol")
    def enrol_view(self, request):
        from courses import views

        return views.enrol(request, self)

    @path("unenrol/", name="unenrol")
    def unenrol_view(self, request):
        from courses import views

        return views.unenrol(request, self)

    @re_path(r"^lessons/(?P<lesson_id>\d+)/$", name="lesson")
    def lesson_view(self, request, lesson_id):
        from courses import views

        return views.lesson(request, self, int(lesson_id))

    @re_path(r"^lessons/(?P<lesson_id>\d+)/progress/$", name="lesson_progress")
    def lesson_progress_view(self, request, lesson_id):
        from courses import views

        return views.lesson_progress(request, self, int(lesson_id))

    @re_path(r"^lessons/(?P<lesson_id>\d+)/done/$", name="lesson_done")
    def lesson_done_view(self, request, lesson_id):
        from courses import views

        return views.lesson_done(request, self, int(lesson_id))

    @re_path(r"^lessons/(?P<lesson_id>\d+)/video/$", name="lesson_video")
    def lesson_video_view(self, request, lesson_id):
        from courses import views

        return views.lesson_file(request, self, int(lesson_id), "video")

    @re_path(r"^lessons/(?P<lesson_id>\d+)/captions/$", name="lesson_captions")
    def lesson_captions_view(self, request, lesson_id):
        from courses import views

        return views.lesson_file(request, self, int(lesson_id), "captions")

    @path("quiz/", name="quiz")
    def quiz_view(self, request):
        from courses import views

        return views.quiz(request, self)

    @re_path(r"^quiz/(?P<attempt_id>\d+)/$", name="quiz_attempt")
    def quiz_attempt_view(self, request, attempt_id):
        from courses import views

        return views.quiz_attempt(request, self, int(attempt_id))

    @path("certificate/", name="certificate_pdf")
    def certificate_pdf_view(self, request):
        from courses import views

        return views.certificate_pdf(request, self)


class CourseInstructor(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="instructors")
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100, blank=True, help_text=_("如 鹿城区检察院检察官"))

    panels = [FieldPanel("name"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("讲师")
        verbose_name_plural = _("讲师")

    def __str__(self):
        return self.name
