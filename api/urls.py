from django.urls import path

from api import api_views, views

app_name = "api"

urlpatterns = [
    # The REST API (machine clients)
    path(
        "v1/aanmeldingen/",
        api_views.RegistrationListCreateView.as_view(),
        name="registration_list",
    ),
    path(
        "v1/aanmeldingen/<str:number>/",
        api_views.RegistrationDetailView.as_view(),
        name="registration_detail",
    ),
    path(
        "v1/detentiemeldingen/",
        api_views.DetentionNotificationView.as_view(),
        name="detention_notification",
    ),
    path("v1/cijfers/<str:year>/", api_views.KeyFiguresView.as_view(), name="key_figures"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # Beheer pages
    path("koppelingen/", views.ClientListView.as_view(), name="client_list"),
    path("koppelingen/nieuw/", views.ClientCreateView.as_view(), name="client_create"),
    path("koppelingen/<int:pk>/intrekken/", views.ClientRevokeView.as_view(), name="client_revoke"),
]
