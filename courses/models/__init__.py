from .course import CourseIndexPage, CourseInstructor, CoursePage
from .lesson import Lesson

__all__ = ["CourseIndexPage", "CourseInstructor", "CoursePage", "Lesson"]
