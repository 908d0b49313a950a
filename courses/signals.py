"""Signals of the learning records, so the services that record progress need not know certificates."""

from django.dispatch import Signal

# Sent with ``user`` and ``course`` when a lesson is completed or a quiz passed: the course may now be
# complete (courses.certificates issues the certificate; connected in CoursesConfig.ready).
learning_step_completed = Signal()
