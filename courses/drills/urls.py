"""Non-page URLs of this app, included by portal/urls.py before Wagtail's page tree.

Their first segments (runs, checkups, my) are reserved: no drill page may take them as a slug.
"""

from django.urls import path

from . import views

app_name = "drills"

urlpatterns = [
    path("drills/runs/start/<int:scenario_id>/", views.start, name="start"),
    path("drills/runs/<int:pk>/", views.run_detail, name="run"),
    path("drills/runs/<int:pk>/answer/", views.answer, name="answer"),
    path("drills/runs/<int:pk>/report/", views.run_report, name="run_report"),
    path("drills/runs/<int:pk>/report.pdf", views.run_report_pdf, name="run_report_pdf"),
    path("drills/checkups/<int:pk>/", views.checkup_report, name="checkup_report"),
    path("drills/checkups/<int:pk>/report.pdf", views.checkup_report_pdf, name="checkup_report_pdf"),
    path("drills/my/", views.my_results, name="my_results"),
]
