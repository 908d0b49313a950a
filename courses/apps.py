from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("视频课程")

    def ready(self):
        from courses import certificates
        from courses.signals import learning_step_completed

        learning_step_completed.connect(
            certificates.on_learning_step_completed, dispatch_uid="courses.certificates.check_completion"
        )
