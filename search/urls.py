"""Non-page URLs of this app, included by portal/urls.py before Wagtail's page tree."""

from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="search_suggest"),
]
