"""Quizzes: drawing questions from a course's bank (drawing.py) and scoring attempts (scoring.py).

The models live in courses/models/quiz.py with the app's other models.
"""
