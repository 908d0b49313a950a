"""Non-page URLs of this app, included by portal/urls.py before Wagtail's page tree."""

from django.urls import path

from consult import views

app_name = "consult"

urlpatterns = [
    path("consult/", views.index, name="index"),
    path("consult/<int:pk>/", views.detail, name="detail"),
    path("consult/<int:pk>/reply/", views.reply, name="reply"),
    path("consult/<int:pk>/close/", views.close, name="close"),
    path("consult/attachments/<int:pk>/", views.attachment, name="attachment"),
]
