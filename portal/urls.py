from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("accounts.urls")),
    # Each app's own (non-page) URLs come before the page tree catches everything.
    path("", include("library.urls")),
    path("", include("courses.urls")),
    path("", include("courses.drills.urls")),
    path("", include("events.urls")),
    path("", include("consult.urls")),
    path("", include("rectification.urls")),
    path("", include("search.urls")),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path

    from core.media import serve_media

    urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]
