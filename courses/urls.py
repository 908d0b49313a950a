"""Non-page URLs of this app, included by portal/urls.py before Wagtail's page tree."""

from django.urls import path

from courses import enterprise_views, views

app_name = "courses"

urlpatterns = [
    path("certificates/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("me/enterprise/training/", enterprise_views.training, name="enterprise_training"),
    path("me/enterprise/training.xlsx", enterprise_views.training_xlsx, name="enterprise_training_xlsx"),
    path("me/enterprise/training/assign/", enterprise_views.assign, name="enterprise_assign"),
]
