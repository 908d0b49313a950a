"""The quiz models, importable from the quiz package; defined in courses/models/quiz.py."""

from courses.models.quiz import AnswerRecord, LegalTopic, Option, Question, QuizAttempt, QuizRule

__all__ = ["AnswerRecord", "LegalTopic", "Option", "Question", "QuizAttempt", "QuizRule"]
