"""Editors author courses and question banks in the Wagtail admin."""

from courses.models import CourseIndexPage, Question
from tests.courses.factories import build_course


def test_course_editor_and_question_bank_render(client, home, admin_user):
    course = build_course(home)
    client.force_login(admin_user)
    edit = client.get(f"/admin/pages/{course.pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    for label in ("课时", "报名与证书", "测验", "抽题规则", "讲师"):
        assert label in html
    index = CourseIndexPage.objects.get()
    assert client.get(f"/admin/pages/add/courses/coursepage/{index.pk}/").status_code == 200
    assert client.get("/admin/snippets/courses/question/").status_code == 200
    assert client.get("/admin/snippets/courses/question/add/").status_code == 200
    question = Question.objects.filter(course=course).first()
    assert client.get(f"/admin/snippets/courses/question/edit/{question.pk}/").status_code == 200
    assert client.get("/admin/snippets/courses/legaltopic/").status_code == 200
    assert client.get("/admin/snippets/courses/courseassignment/").status_code == 200


def test_editor_can_add_a_question_with_options(client, course, admin_user):
    client.force_login(admin_user)
    data = {
        "course": course.pk,
        "kind": "truefalse",
        "text": "生产经营单位可以免除其对从业人员因生产安全事故伤亡依法应承担的责任。",
        "explanation": "《安全生产法》第五十二条禁止此类协议。",
        "sort_order": 5,
        "active": "on",
        "options-TOTAL_FORMS": 2,
        "options-INITIAL_FORMS": 0,
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
        "options-0-text": "正确",
        "options-0-ORDER": 1,
        "options-1-text": "错误",
        "options-1-is_correct": "on",
        "options-1-ORDER": 2,
    }
    response = client.post("/admin/snippets/courses/question/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get(text__startswith="生产经营单位可以免除")
    assert [(o.text, o.is_correct) for o in question.options.all()] == [("正确", False), ("错误", True)]


def test_options_must_fit_the_question_type(client, course, admin_user):
    client.force_login(admin_user)
    data = {
        "course": course.pk,
        "kind": "truefalse",
        "text": "两个都对的判断题",
        "explanation": "无",
        "sort_order": 5,
        "options-TOTAL_FORMS": 2,
        "options-INITIAL_FORMS": 0,
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
        "options-0-text": "正确",
        "options-0-is_correct": "on",
        "options-1-text": "错误",
        "options-1-is_correct": "on",
    }
    response = client.post("/admin/snippets/courses/question/add/", data)
    assert response.status_code == 200
    assert "单选题和判断题必须恰好有一个正确选项" in response.content.decode()
    assert not Question.objects.filter(text="两个都对的判断题").exists()


def test_dashboard_shows_pending_enrolments(client, home, user, admin_user):
    from courses import enrolment
    from courses.models import CoursePage

    course = build_course(home, enrolment_mode=CoursePage.EnrolmentMode.APPROVAL)
    enrolment.enrol(user, course)
    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert "1 个报名申请待审核" in page and "/admin/snippets/courses/enrolment/?status=pending" in page


def test_system_records_open_read_only_in_the_admin(client, course, user, admin_user):
    from courses import enrolment
    from courses.models import Certificate

    row = enrolment.enrol(user, course)
    certificate = Certificate.objects.create(
        user=user, course=course, holder_name="张晓东", course_title=course.title
    )
    client.force_login(admin_user)
    assert client.get(f"/admin/snippets/courses/enrolment/edit/{row.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/courses/certificate/edit/{certificate.pk}/").status_code == 200
    assert client.get("/admin/snippets/courses/enrolment/add/").status_code in (302, 403)
