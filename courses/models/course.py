"""Course pages: the /courses/ index and one page per course with its lessons and quiz settings.

A course page owns its learner routes (enrolment and lessons here; quiz and certificate in
course_quiz.py, with the quiz's review choices and admin form); the rules they apply live in the
services (courses/enrolment.py, progress.py, quiz/scoring.py, certificates.py).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.files import serve_file
from core.fragments import kept_cards, page_fragment, page_kept
from core.i18n import in_visitor_language, source_page
from core.pages import SitePage, SitePageManager
from core.search import SearchablePage
from courses import enrolment as enrolment_service
from courses import progress as progress_service
from courses.certificates import current_certificate
from courses.models.course_quiz import CoursePageForm, CourseQuizRoutes, QuizReview, messages_of
from courses.models.lesson import Lesson, LessonProgress
from courses.quiz import scoring
from library.models.taxonomy import Industry

COURSES_PER_PAGE = 12
# The course list's cover rendition (templates/courses/course_index_page.html).
COVER_LIST_FILTER = "fill-480x270"


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


class CourseIndexPage(SitePage, SearchablePage, Page):
    """The /courses/ page: every live course, filterable by industry."""

    objects = SitePageManager()

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("课程列表页")
        verbose_name_plural = _("课程列表页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = (
            CoursePage.objects.live()
            .public()
            .child_of(source_page(self))
            .defer("description")  # a card shows the summary
            .order_by("-first_published_at")
        )
        # The industries that have courses change only as the courses are published.
        industries = page_kept(
            self,
            request,
            "course-industries",
            lambda: list(Industry.objects.filter(coursepage__in=courses).distinct()),
        )
        selected = request.GET.get("industry", "")
        if selected:
            courses = courses.filter(industries__code=selected)
        page_obj = Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page"))
        progress = {}
        if request.user.is_authenticated:
            progress = progress_service.progress_for(request.user, list(page_obj))
        chinese = list(page_obj.object_list)
        page_obj.object_list = in_visitor_language(chinese)
        # Progress is the Chinese course's; the list may show its translation.
        progress = {
            shown.pk: progress[course.pk]
            for course, shown in zip(chinese, page_obj.object_list, strict=True)
            if course.pk in progress
        }

        def load(cards):
            # The covers with the renditions the cards show, in two queries: without them each
            # cover's {% image %} is its own rendition lookup (a cache round trip, or a query).
            covers = get_image_model().objects.prefetch_renditions(COVER_LIST_FILTER)
            prefetch_related_objects(cards, Prefetch("cover_image", queryset=covers), "industries")

        context.update(
            courses=page_obj,
            page_obj=page_obj,
            cards=kept_cards(
                self,
                page_obj.object_list,
                request,
                "course-card",
                lambda course: render_to_string(
                    "courses/includes/course_card.html", {"course": course}, request
                ),
                load,
            ),
            industries=industries,
            selected_industry=selected,
            progress=progress,
        )
        return context


class CoursePage(SitePage, SearchablePage, CourseQuizRoutes, RoutablePageMixin, Page):
    """A course: lessons in order, a question bank and quiz, enrolment rules and a certificate."""

    objects = SitePageManager()
    served_with = ("cover_image",)

    QuizReview = QuizReview

    class EnrolmentMode(models.TextChoices):
        OPEN = "open", _("自由报名")
        APPROVAL = "approval", _("审核报名")

    summary = models.TextField(_("课程简介"), help_text=_("一两句话，用于列表和搜索结果"))
    description = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("课程介绍"))
    industries = ParentalManyToManyField("library.Industry", blank=True, verbose_name=_("适用行业"))
    duration_minutes = models.PositiveIntegerField(
        _("课程时长（分钟）"), default=0, help_text=_("课程视频和阅读的大致总时长")
    )
    credit_hours = models.DecimalField(
        _("学时"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("结业后计入学员的培训学时，如 0.5、1、2"),
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
        _("须通过测验"), default=True, help_text=_("结业须通过课程测验（题库为空时不要求）")
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("证书有效期（月）"), null=True, blank=True, help_text=_("留空表示长期有效")
    )
    # Quiz settings: how many questions an attempt draws and how it is passed.
    quiz_question_count = models.PositiveSmallIntegerField(
        _("每次抽题数"),
        default=8,
        validators=[MinValueValidator(1)],
        help_text=_("未设置抽题规则时，从题库中抽取的题目数"),
    )
    quiz_random = models.BooleanField(_("随机抽题"), default=True, help_text=_("否则按题库顺序"))
    quiz_shuffle_options = models.BooleanField(_("选项乱序"), default=True)
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("及格分（百分制）"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    quiz_max_attempts = models.PositiveSmallIntegerField(
        _("最多测验次数"), default=3, validators=[MinValueValidator(1)]
    )
    quiz_time_limit_minutes = models.PositiveSmallIntegerField(
        _("答题时限（分钟）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("留空表示不限时"),
    )
    quiz_review = models.CharField(
        _("交卷后学员可见"),
        max_length=12,
        choices=QuizReview.choices,
        default=QuizReview.ANSWERS_WHEN_DONE,
        help_text=_("学员交卷后在解析页看到的内容。默认：通过测验或用完全部次数后才显示正确答案与解析"),
    )
    quiz_requires_lessons = models.BooleanField(
        _("学完必修课时后才能测验"),
        default=False,
        help_text=_("勾选后，学员须先完成全部必修课时才能开始测验"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("industries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("duration_minutes"),
        FieldPanel("credit_hours"),
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
                FieldPanel("quiz_review"),
                FieldPanel("quiz_requires_lessons"),
            ],
            heading=_("测验设置"),
        ),
        InlinePanel("quiz_rules", label=_("抽题规则"), heading=_("按标签抽题（可选）")),
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

    base_form_class = CoursePageForm

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
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        enrolment = enrolment_service.enrolment_of(user, self)
        enrolled = enrolment is not None and enrolment.is_active
        context.update(enrolment=enrolment, enrolled=enrolled, seats_left=None)
        if self.capacity is not None:
            context["seats_left"] = max(0, self.capacity - enrolment_service.seats_taken(self))

        def render(template, **values):
            return render_to_string(template, {"page": self, **values}, request)

        # The header and, for a visitor not enrolled, the outline are the same for everyone:
        # kept as HTML (core.fragments), they read neither lessons, instructors nor industries.
        context["header_html"] = page_fragment(
            self,
            request,
            "course-header",
            lambda: render(
                "courses/includes/course_header.html",
                instructors=list(self.instructors.all()),
                course_industries=list(self.industries.all()),
            ),
        )
        if not enrolled:
            context["outline_html"] = page_fragment(
                self,
                request,
                "course-outline",
                lambda: render(
                    "courses/includes/course_outline.html",
                    lesson_rows=[(lesson, None) for lesson in self.ordered_lessons()],
                    enrolled=False,
                ),
            )
            return context
        lessons = self.ordered_lessons()
        rows = LessonProgress.objects.filter(user=user, lesson__in=lessons)
        progress = progress_service.CourseProgress(self, lessons, {row.lesson_id: row for row in rows})
        attempts = list(scoring.attempts_of(user, self))
        lesson_rows = [(lesson, progress.progress_by_lesson.get(lesson.pk)) for lesson in lessons]
        context.update(
            lessons=lessons,
            progress=progress,
            lesson_rows=lesson_rows,
            attempts=attempts,
            quiz_passed=any(a.passed for a in scoring.current_cycle(user, self, attempts)),
            certificate=current_certificate(user, self),
            outline_html=render(
                "courses/includes/course_outline.html", lesson_rows=lesson_rows, enrolled=True
            ),
        )
        return context

    def ordered_lessons(self):
        return list(self.lessons.select_related("video", "document").order_by("sort_order"))

    def _route_url(self, request, name, *args):
        return self.get_url(request=request) + self.reverse_subpage(name, args=args)

    # Enrolment ---------------------------------------------------------------------------------

    @path("enrol/", name="enrol")
    def enrol_view(self, request):
        if (refused := _post_only(request)) is not None:
            return refused
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        try:
            enrolment = enrolment_service.enrol(request.user, self)
        except ValidationError as exc:
            messages.error(request, messages_of(exc))
        else:
            if enrolment.is_active:
                messages.success(request, gettext("报名成功，开始学习吧。"))
            else:
                messages.info(request, gettext("报名申请已提交，请等待管理员审核。"))
        return redirect(self.get_url(request=request))

    @path("unenrol/", name="unenrol")
    def unenrol_view(self, request):
        if (refused := _post_only(request)) is not None:
            return refused
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        try:
            enrolment_service.unenrol(request.user, self)
        except ValidationError as exc:
            messages.error(request, messages_of(exc))
        else:
            messages.success(request, gettext("您已退出该课程。"))
        return redirect(self.get_url(request=request))

    # Lessons -----------------------------------------------------------------------------------

    def _lesson_or_404(self, lesson_id):
        lesson = Lesson.objects.select_related("video", "document").filter(course=self, pk=lesson_id).first()
        if lesson is None:
            raise Http404(gettext("找不到该课时。"))
        return lesson

    def _require_enrolled(self, request):
        """None when the user may learn, else the response to send instead."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not enrolment_service.is_enrolled(request.user, self):
            messages.info(request, gettext("请先报名该课程，再开始学习。"))
            return redirect(self.get_url(request=request))
        return None

    @re_path(r"^lessons/(?P<lesson_id>\d+)/$", name="lesson")
    @method_decorator(never_cache)
    def lesson_view(self, request, lesson_id):
        lesson = self._lesson_or_404(int(lesson_id))
        if (refused := self._require_enrolled(request)) is not None:
            return refused
        progress = progress_service.open_lesson(request.user, lesson)
        progress.lesson = lesson  # already loaded with its video
        lessons = list(
            Lesson.objects.filter(course=self)
            .order_by("sort_order")
            .only("pk", "title", "sort_order", "course")
        )
        position = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
        player = None
        if lesson.is_video:
            player = {
                "progressUrl": self._route_url(request, "lesson_progress", lesson.pk),
                "viewing": progress.viewing_token,
                "duration": lesson.duration_seconds,
                "position": progress.position,
                "intervals": progress.intervals,
                "blockSeeking": self.block_forward_seeking,
                "maxRate": progress_service.MAX_PLAYBACK_RATE,
                "complete": progress.is_complete,
            }
        return TemplateResponse(
            request,
            "courses/lesson.html",
            {
                "page": self,
                "course": self,
                "lesson": lesson,
                "progress": progress,
                "player": player,
                "previous": lessons[position - 1] if position > 0 else None,
                "next": lessons[position + 1] if position + 1 < len(lessons) else None,
                "lesson_number": position + 1,
                "player_text": {
                    "done": gettext("本课时已完成"),
                    "watched": gettext("已观看"),
                    "error": gettext("进度保存失败，请检查网络后继续播放。"),
                    "noSeek": gettext("请先观看完前面的内容。"),
                },
            },
        )

    @re_path(r"^lessons/(?P<lesson_id>\d+)/progress/$", name="lesson_progress")
    def lesson_progress_view(self, request, lesson_id):
        """JSON endpoint for the player: {"intervals": [[start, end], ...], "position": seconds}."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return JsonResponse({"error": gettext("请先登录。")}, status=403)
        lesson = self._lesson_or_404(int(lesson_id))
        try:
            payload = progress_service.parse_report(request.body)
        except ValidationError as exc:
            return JsonResponse({"error": messages_of(exc)}, status=400)
        try:
            progress = progress_service.record_playback(
                request.user,
                lesson,
                payload.get("intervals", []),
                payload.get("position", 0),
                viewing=payload.get("viewing"),
            )
        except PermissionDenied as exc:
            return JsonResponse({"error": str(exc) or gettext("请先报名该课程。")}, status=403)
        except ValidationError as exc:
            return JsonResponse({"error": messages_of(exc)}, status=400)
        return JsonResponse(
            {
                "watched": progress.watched_seconds,
                "percent": progress.percent,
                "complete": progress.is_complete,
                "intervals": progress.intervals,
            }
        )

    @re_path(r"^lessons/(?P<lesson_id>\d+)/done/$", name="lesson_done")
    def lesson_done_view(self, request, lesson_id):
        if (refused := _post_only(request)) is not None:
            return refused
        lesson = self._lesson_or_404(int(lesson_id))
        if (refused := self._require_enrolled(request)) is not None:
            return refused
        try:
            progress_service.mark_done(request.user, lesson)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, messages_of(exc))
        else:
            messages.success(request, gettext("本课时已完成。"))
        return redirect(self._route_url(request, "lesson", lesson.pk))

    @re_path(r"^lessons/(?P<lesson_id>\d+)/video/$", name="lesson_video")
    def lesson_video_view(self, request, lesson_id):
        return self._lesson_file(request, int(lesson_id), "video")

    @re_path(r"^lessons/(?P<lesson_id>\d+)/captions/$", name="lesson_captions")
    def lesson_captions_view(self, request, lesson_id):
        return self._lesson_file(request, int(lesson_id), "captions")

    def _lesson_file(self, request, lesson_id, kind):
        """A lesson's video (with byte ranges, so the player can seek) or captions, to enrolled learners."""
        lesson = self._lesson_or_404(lesson_id)
        if not (request.user.is_authenticated and enrolment_service.is_enrolled(request.user, self)):
            raise Http404(gettext("找不到该文件。"))
        field = (
            lesson.video.file
            if kind == "video" and lesson.video_id
            else lesson.captions
            if kind == "captions"
            else None
        )
        if not field:
            raise Http404(gettext("找不到该文件。"))
        content_type = "text/vtt; charset=utf-8" if kind == "captions" else None
        return serve_file(request, field, content_type=content_type, as_attachment=False)


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
