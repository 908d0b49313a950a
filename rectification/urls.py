"""The rectification pages, under /me/rectification/ (the firm's own) and /rectification/ (verification, shares)."""

from django.urls import path

from . import views

app_name = "rectification"

urlpatterns = [
    path("me/rectification/", views.plan_list, name="plans"),
    path("me/rectification/new/", views.plan_create, name="plan_create"),
    path("me/rectification/<int:pk>/", views.plan_detail, name="plan"),
    path("me/rectification/<int:pk>/history/", views.plan_history, name="plan_history"),
    path("me/rectification/<int:pk>/reopen/", views.plan_reopen, name="plan_reopen"),
    path("me/rectification/<int:pk>/recheck/", views.recheck, name="recheck"),
    path("me/rectification/tasks/<int:pk>/", views.task_detail, name="task"),
    path("me/rectification/tasks/<int:pk>/assign/", views.task_assign, name="task_assign"),
    path("me/rectification/tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("me/rectification/tasks/<int:pk>/note/", views.task_note, name="task_note"),
    path("me/rectification/tasks/<int:pk>/course/", views.task_assign_course, name="task_course"),
    path("me/rectification/tasks/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("me/rectification/evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("me/rectification/evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("me/rectification/<int:pk>/share/", views.share_create, name="share_create"),
    path("me/rectification/shares/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("rectification/shared/<str:token>/", views.shared_plan, name="shared"),
    path(
        "rectification/shared/<str:token>/evidence/<int:pk>/", views.shared_evidence, name="shared_evidence"
    ),
    path(
        "rectification/shared/<str:token>/reports/<int:pk>/pdf/",
        views.shared_report_pdf,
        name="shared_report_pdf",
    ),
    path("me/rectification/<int:pk>/report/", views.report_issue, name="report_issue"),
    path("me/rectification/reports/<int:pk>/xlsx/", views.report_xlsx, name="report_xlsx"),
    path("me/rectification/reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("rectification/verify/<str:code>/", views.report_verify, name="verify"),
]
