from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("casus/<int:pk>/", views.CaseProgrammesView.as_view(), name="case_programmes"),
    path("casus/<int:pk>/toevoegen/", views.CaseProgrammeAddView.as_view(), name="case_add"),
    path(
        "casus/<int:pk>/periode/<int:period>/",
        views.CaseProgrammeEditView.as_view(),
        name="case_edit",
    ),
    path(
        "casus/<int:pk>/periode/<int:period>/verwijderen/",
        views.CaseProgrammeRemoveView.as_view(),
        name="case_remove",
    ),
    path("beheer/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("beheer/nieuw/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("beheer/<int:pk>/", views.ProgrammeUpdateView.as_view(), name="programme_edit"),
]
