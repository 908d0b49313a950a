"""A learner enrols, really plays a lesson's video, fails the quiz without being shown the answers,
passes it and gets a verifiable certificate carrying the course's 学时."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from courses.models import Certificate, LessonProgress, Option, QuizAttempt
from tests.conftest import make_user
from tests.core.pdf_checks import needs_poppler, pdf_pages
from tests.courses.factories import LessonFactory, MediaFactory, QuestionFactory, build_course, make_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIP = Path(__file__).resolve().parents[2] / "courses" / "demo" / "media" / "footwear.webm"


@pytest.fixture
def home(transactional_db):
    return make_home()


def video_course(home, **fields):
    course = build_course(home, lessons=0, questions=0, **fields)
    video = MediaFactory(duration=6.0, file=ContentFile(CLIP.read_bytes(), name="footwear.webm"))
    lesson = LessonFactory(course=course, title="鞋革企业的安全生产红线", video=video)
    lesson.captions.save(
        "zh.vtt", ContentFile("WEBVTT\n\n00:00.000 --> 00:03.000\n危险物品仓库不得与宿舍同楼\n".encode())
    )
    for _ in range(3):
        QuestionFactory(course=course)
    return course, lesson


def play(page):
    # No user gesture in a headless run: a muted video may start by script.
    page.evaluate(
        "() => { const v = document.getElementById('lesson-video'); v.muted = true; return v.play(); }"
    )


@needs_poppler
@pytest.mark.slow
def test_enrol_watch_quiz_certificate(page, live_server, login, home, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    course, lesson = video_course(home, credit_hours=Decimal("1.5"))
    user = make_user("learner@example.com", real_name="张晓东")
    login(user.email)

    page.goto(live_server.url + course.url)
    assert "鞋革企业的安全生产红线" in page.content()
    page.click("button:has-text('报名学习')")
    page.wait_for_load_state("networkidle")
    assert "报名成功" in page.content()

    page.click("a:has-text('鞋革企业的安全生产红线')")
    page.wait_for_selector("#lesson-video")
    assert page.locator("track[kind=captions][srclang=zh]").count() == 1
    page.wait_for_function("() => document.getElementById('lesson-video').readyState >= 1")

    # Jumping to the end and letting it finish records only the second really played.
    page.evaluate("() => { document.getElementById('lesson-video').currentTime = 5.5; }")
    with page.expect_response(lambda response: response.url.endswith("/progress/"), timeout=20000) as report:
        play(page)
        page.wait_for_function("() => document.getElementById('lesson-video').ended", timeout=20000)
    assert report.value.ok
    row = LessonProgress.objects.get(user=user, lesson=lesson)
    assert row.completed_at is None and row.watched_seconds < 1.0

    # Played from the start, the 6-second clip runs to its end; the player reports what it really played.
    page.evaluate("() => { document.getElementById('lesson-video').currentTime = 0; }")
    play(page)
    page.wait_for_function("() => document.getElementById('lesson-video').ended", timeout=20000)
    page.wait_for_selector("[data-status]:has-text('本课时已完成')", timeout=10000)
    row = LessonProgress.objects.get(user=user, lesson=lesson)
    assert row.completed_at is not None
    assert 5.4 <= row.watched_seconds <= 6.0
    assert row.intervals[0][0] < 1.0  # played from the start

    # A first attempt answered wrongly fails and gives nothing away: no correct answers, no explanations.
    page.click("a:has-text('去参加测验')")
    page.click("button:has-text('开始测验')")
    page.wait_for_load_state("networkidle")
    first = QuizAttempt.objects.get(user=user)
    for entry in first.drawn:
        wrong = Option.objects.filter(question_id=entry["question"], is_correct=False).first()
        page.check(f"input[name=q_{entry['question']}][value='{wrong.pk}']")
    page.click("button:has-text('交卷')")
    page.wait_for_load_state("networkidle")
    review = page.inner_text("main")
    assert "未通过" in review and "正确答案与解析将在您通过测验或用完全部测验次数后显示" in review
    assert "正确答案" not in review.replace("正确答案与解析", "") and "解析：" not in review

    # The second attempt, answered from what the learner knows, passes; now the answers show.
    page.click("a:has-text('返回测验')")
    page.click("button:has-text('开始测验')")
    page.wait_for_load_state("networkidle")
    attempt = QuizAttempt.objects.filter(user=user).exclude(pk=first.pk).get()
    for entry in attempt.drawn:
        right = Option.objects.get(question_id=entry["question"], is_correct=True)
        page.check(f"input[name=q_{entry['question']}][value='{right.pk}']")
    page.click("button:has-text('交卷')")
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert "恭喜，测验通过" in content and "解析" in content

    certificate = Certificate.objects.get(user=user, course=course)
    assert page.locator("a:has-text('下载结业证书')").count() == 1
    # The certificate PDF carries the course's 学时.
    pdf = page.request.get(
        live_server.url + page.locator("a:has-text('下载结业证书')").first.get_attribute("href")
    )
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = "".join("".join(lines) for lines in pdf_pages(pdf.body(), tmp_path, "certificate.pdf"))
    assert "1.5" in text and "学时" in text and course.title in text
    page.click("a:has-text('证书验证页')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/certificates/{certificate.code}/")
    assert "证书有效" in page.content() and "张*东" in page.content()

    # A course that blocks skipping ahead: the player snaps a forward seek back to what was watched.
    course.block_forward_seeking = True
    course.save_revision().publish()
    second = LessonFactory(
        course=course,
        title="第二课",
        video=MediaFactory(duration=6.0, file=ContentFile(CLIP.read_bytes(), name="b.webm")),
    )
    page.goto(live_server.url + course.url + course.reverse_subpage("lesson", args=(second.pk,)))
    page.wait_for_function("() => document.getElementById('lesson-video').readyState >= 1")
    page.evaluate("() => { document.getElementById('lesson-video').currentTime = 4; }")
    page.wait_for_selector("[data-status]:has-text('请先观看完前面的内容')")
    assert page.evaluate("() => document.getElementById('lesson-video').currentTime") < 1.5
