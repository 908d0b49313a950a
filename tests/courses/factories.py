"""Factories for courses: pages, lessons with a video, questions with options."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from courses.models import CourseIndexPage, CourseMedia, CoursePage, LegalTopic, Lesson, Option, Question


class MediaFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"视频{n}")
    type = "video"
    duration = 60
    file = factory.LazyFunction(
        lambda: ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, name="clip.mp4")
    )

    class Meta:
        model = CourseMedia


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "视频课程"
    slug = "courses"

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"合规课程{n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "企业合规入门:劳动用工、安全生产与个人信息保护。"
    quiz_question_count = 3
    quiz_random = False
    quiz_shuffle_options = False
    quiz_pass_mark = 60
    quiz_max_attempts = 2

    class Meta:
        model = CoursePage


class LessonFactory(DjangoModelFactory):
    course = None
    title = factory.Sequence(lambda n: f"课时{n}")
    video = factory.SubFactory(MediaFactory)
    transcript = "依法签订书面劳动合同。"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Lesson


class LegalTopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"法律主题{n}")
    code = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = LegalTopic


class QuestionFactory(DjangoModelFactory):
    course = None
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"第{n}题:用人单位应当自用工之日起多久内订立书面劳动合同?")
    explanation = "《劳动合同法》第十条:应当自用工之日起一个月内订立书面劳动合同。"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Question
        # The post-generation hook saves what it changes itself.
        skip_postgeneration_save = True

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        """``options=[("text", is_correct), ...]``; by default one right and two wrong."""
        specs = extracted or [("一个月内", True), ("三个月内", False), ("一年内", False)]
        if self.kind == Question.Kind.TRUE_FALSE and not extracted:
            specs = [("正确", True), ("错误", False)]
        for index, (text, correct) in enumerate(specs):
            Option.objects.create(question=self, text=text, is_correct=correct, sort_order=index)


def build_course(home, lessons=2, questions=3, index=None, **fields):
    """A published course under a courses index, with video lessons and a question bank."""
    index = index or CourseIndexPage.objects.first() or CourseIndexPageFactory(parent=home)
    course = CoursePageFactory(parent=index, **fields)
    for _ in range(lessons):
        LessonFactory(course=course)
    for _ in range(questions):
        QuestionFactory(course=course)
    return course


def make_home():
    """A published home page as the default site's root, for transactional tests."""
    from wagtail.models import Page, Site

    from portal.models import HomePage

    home = Page.get_first_root_node().add_child(instance=HomePage(title="合规学堂", slug="home-courses"))
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="合规学堂"
    )
    return home
