"""Public views of the courses app outside the page tree. Course-scoped views are routes of CoursePage
(courses/models/course.py, its quiz and certificate routes in course_quiz.py)."""

from django.shortcuts import render

from courses.certificates import mask_name
from courses.models import Certificate


def certificate_verify(request, code):
    certificate = Certificate.objects.filter(code=code).select_related("course").first()
    if certificate is None:
        return render(request, "courses/certificate_not_found.html", {"code": code}, status=404)
    return render(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "masked_name": mask_name(certificate.holder_name)},
    )
