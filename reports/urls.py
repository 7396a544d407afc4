from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("<int:year>/export/<slug:slug>.csv", views.ExportCsvView.as_view(), name="export_csv"),
    path("<int:year>/export.xlsx", views.ExportXlsxView.as_view(), name="export_xlsx"),
    path("<int:year>/bijwerken/", views.FiguresRefreshView.as_view(), name="refresh"),
    path("<int:year>/jaarverslag/", views.AnnualReportView.as_view(), name="annual_report"),
    path("<int:year>/teksten/", views.TextsSaveView.as_view(), name="texts"),
    path("<int:year>/momentopname/", views.SnapshotRequestView.as_view(), name="snapshot"),
    path(
        "momentopname/<int:pk>/publiceren/",
        views.SnapshotPublishView.as_view(),
        name="snapshot_publish",
    ),
    path("<int:year>/documenten/", views.DocumentRequestView.as_view(), name="document_request"),
    path("document/<int:pk>/status/", views.DocumentStatusView.as_view(), name="document_status"),
    path("document/<int:pk>/pdf/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("factsheets/", views.FactsheetListView.as_view(), name="factsheets"),
    path("thematisch/", views.ThematicView.as_view(), name="thematic"),
    path(
        "thematisch/<int:pk>/verwijderen/",
        views.ThematicDeleteView.as_view(),
        name="thematic_delete",
    ),
]
