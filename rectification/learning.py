"""The owner's learning on each task: the recommended courses, assigned or not, and whether completed."""

from dataclasses import dataclass

from courses.models import CourseAssignment, Enrolment


@dataclass
class CourseState:
    course: object
    assignment: object = None
    enrolment: object = None

    @property
    def completed(self):
        return self.enrolment is not None and self.enrolment.completed_at is not None


def course_states(tasks):
    """``{task.pk: [CourseState]}`` for tasks whose ``courses`` are prefetched (two queries)."""
    owners = {task.owner_id for task in tasks if task.owner_id}
    course_ids = {course.pk for task in tasks for course in task.courses.all()}
    enrolments, assignments = {}, {}
    if owners and course_ids:
        for enrolment in Enrolment.objects.filter(user_id__in=owners, course_id__in=course_ids).exclude(
            status=Enrolment.Status.WITHDRAWN
        ):
            enrolments[(enrolment.user_id, enrolment.course_id)] = enrolment
        for assignment in CourseAssignment.objects.filter(user_id__in=owners, course_id__in=course_ids):
            assignments[(assignment.user_id, assignment.course_id)] = assignment
    return {
        task.pk: [
            CourseState(
                course,
                assignments.get((task.owner_id, course.pk)),
                enrolments.get((task.owner_id, course.pk)),
            )
            for course in task.courses.all()
        ]
        for task in tasks
    }
