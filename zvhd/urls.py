from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from zvhd.health import healthz
from zvhd.views import StartView

urlpatterns = [
    path("", StartView.as_view(), name="start"),
    path("healthz", healthz, name="healthz"),
    path("account/", include("allauth.urls")),
    path("beheer/", include("zvhd.network.urls")),
    path("privacy/", include("zvhd.privacy.urls")),
    path("personen/", include("persons.urls")),
    path("casussen/", include("cases.urls")),
    path("casussen/", include("casefile.urls")),
    path("risico/", include("risk.urls")),
    path("advies/", include("advice.urls")),
    path("nazorg/", include("aftercare.urls")),
    path("mensenhandel/", include("trafficking.urls")),
    path("financien/", include("finance.urls")),
    path("rapportages/", include("reports.urls")),
    path("programmas/", include("programmes.urls")),
    path("tafels/", include("tables.urls")),
    path("import/", include("zvhd.imports.urls")),
    path("lijsten/", include("zvhd.lists.urls")),
    path("api/v1/federatie/", include("federation.api_urls")),
    path("meldingen/", include("inbox.urls")),
    path("api/", include("api.urls")),
    path("federatie/", include("federation.urls")),
]

if settings.ADMIN_ENABLED:
    urlpatterns.append(path("technisch-beheer/", admin.site.urls))

if settings.BENCH_PAGES:
    from zvhd.bench_views import BarePageView

    urlpatterns.append(path("_bench/bare", BarePageView.as_view(), name="bench_bare"))

# JSON for the machine API, Django's own pages (templates/4xx.html, 500.html) for people.
handler400 = "zvhd.errors.bad_request"
handler403 = "zvhd.errors.permission_denied"
handler404 = "zvhd.errors.page_not_found"
handler500 = "zvhd.errors.server_error"
