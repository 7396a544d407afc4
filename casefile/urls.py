from django.urls import path

from casefile import views

app_name = "casefile"

urlpatterns = [
    path("<int:pk>/logboek/", views.JournalView.as_view(), name="journal"),
    path("<int:pk>/logboek/nieuw/", views.JournalEntryCreateView.as_view(), name="journal_add"),
    path(
        "logboek/<int:pk>/corrigeren/",
        views.JournalEntryCorrectView.as_view(),
        name="journal_correct",
    ),
    path("<int:pk>/documenten/", views.DocumentsView.as_view(), name="documents"),
    path("<int:pk>/documenten/nieuw/", views.DocumentCreateView.as_view(), name="document_add"),
    path(
        "documenten/<int:pk>/nieuwe-versie/",
        views.DocumentVersionCreateView.as_view(),
        name="document_version_add",
    ),
    path(
        "<int:pk>/documenten/opvragen/",
        views.DocumentRequestCreateView.as_view(),
        name="document_request_add",
    ),
    path(
        "documenten/opgevraagd/<int:pk>/toevoegen/",
        views.DocumentRequestFulfilView.as_view(),
        name="document_request_fulfil",
    ),
    path(
        "documenten/opgevraagd/<int:pk>/niet-nodig/",
        views.DocumentRequestNotNeededView.as_view(),
        name="document_request_not_needed",
    ),
    path(
        "documenten/versies/<int:pk>/",
        views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
]
