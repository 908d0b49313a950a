"""Public views of the courses app; page contexts are built here and called from the page models."""


def course_index_context(index_page, request):
    from courses.models import CoursePage

    courses = CoursePage.objects.live().child_of(index_page).prefetch_related("industries")
    return {"courses": courses}


def course_page_context(course, request):
    return {"lessons": course.lessons.all()}
