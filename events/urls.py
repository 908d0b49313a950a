"""Non-page URLs of this app, included by portal/urls.py before Wagtail's page tree."""

urlpatterns = []
