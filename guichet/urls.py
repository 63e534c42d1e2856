"""Every URL of Guichet. Public pages carry the language: /fr/…, /ar/…, /en/…;
``/`` redirects to the browser's best language (LocaleMiddleware)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from api.api import api
from appointments import views as appointment_views
from guichet import views
from guichet.sitemaps import SITEMAPS, robots_txt

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("calendar/<str:token>.ics", appointment_views.calendar_feed, name="calendar_feed"),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("offline/", views.offline, name="offline"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("regions/<slug:slug>/offline.json", views.region_offline, name="region_offline"),
    path("orientation/", include("orientation.urls")),
    path("search/", include("search.urls")),
    path("desk/", include("accounts.urls")),
    path("desk/", include("appointments.staff_urls")),
    path("desk/", include("applications.desk_urls")),
    path("desk/applications/", include("applications.provider_urls")),
    path("desk/", include("people.urls")),
    path("desk/", include("reporting.desk_urls")),
    path("desk/", include("reporting.export_urls")),
    path("desk/", include("content.import_urls")),
    path("me/applications/", include("applications.self_urls")),
    path("me/", include("people.self_urls")),
    path("", include("appointments.urls")),
    path("", include("appointments.queue_urls")),
    path("", include("reporting.urls")),
    path("", include("content.urls")),
    path("", include("catalog.urls")),
    prefix_default_language=True,
)

handler400 = "guichet.views.bad_request"
handler404 = "guichet.views.page_not_found"
handler500 = "guichet.views.server_error"
