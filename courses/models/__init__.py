from .certificate import Certificate, new_certificate_code
from .course import CourseIndexPage, CourseInstructor, CoursePage
from .enrolment import CourseAssignment, Enrolment
from .lesson import Lesson, LessonProgress
from .media import CourseMedia
from .quiz import AnswerRecord, LegalTopic, Option, Question, QuizAttempt, QuizRule

__all__ = [
    "AnswerRecord",
    "Certificate",
    "CourseAssignment",
    "CourseIndexPage",
    "CourseInstructor",
    "CourseMedia",
    "CoursePage",
    "Enrolment",
    "LegalTopic",
    "Lesson",
    "LessonProgress",
    "Option",
    "Question",
    "QuizAttempt",
    "QuizRule",
    "new_certificate_code",
]
