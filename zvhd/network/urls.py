from django.urls import path

from zvhd.network import views

app_name = "network"

urlpatterns = [
    path("gebruikers/", views.UserListView.as_view(), name="user_list"),
    path("gebruikers/nieuw/", views.UserCreateView.as_view(), name="user_create"),
    path("gebruikers/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("gebruikers/<int:pk>/wijzigen/", views.UserUpdateView.as_view(), name="user_update"),
    path(
        "gebruikers/<int:pk>/ontgrendelen/",
        views.UserActionView.as_view(what="unlock"),
        name="user_unlock",
    ),
    path(
        "gebruikers/<int:pk>/tweede-factor-herstellen/",
        views.UserActionView.as_view(what="reset_second_factor"),
        name="user_reset_second_factor",
    ),
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisaties/nieuw/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path(
        "organisaties/<int:pk>/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path("gemeenten/", views.MunicipalityListView.as_view(), name="municipality_list"),
    path("gemeenten/nieuw/", views.MunicipalityCreateView.as_view(), name="municipality_create"),
    path("gemeenten/<int:pk>/", views.MunicipalityUpdateView.as_view(), name="municipality_update"),
    path("keuzelijsten/", views.TermListView.as_view(), name="term_list"),
    path(
        "keuzelijsten/<str:vocabulary>/nieuw/",
        views.TermCreateView.as_view(),
        name="term_create",
    ),
    path("keuzelijsten/term/<int:pk>/", views.TermUpdateView.as_view(), name="term_update"),
]
