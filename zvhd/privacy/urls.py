from django.urls import path

from zvhd.privacy import retention_views, review, views

app_name = "privacy"

urlpatterns = [
    path("toegangslog/", views.AccessLogView.as_view(), name="access_log"),
    path("inzage/", views.SubjectAccessListView.as_view(), name="access_requests"),
    path("inzage/nieuw/", views.SubjectAccessCreateView.as_view(), name="access_request_new"),
    path(
        "inzage/<int:pk>/",
        views.SubjectAccessUpdateView.as_view(),
        name="access_request_edit",
    ),
    path(
        "inzage/<int:pk>/pdf-maken/",
        views.SubjectAccessGenerateView.as_view(),
        name="access_request_generate",
    ),
    path(
        "inzage/<int:pk>/pdf/",
        views.SubjectAccessDownloadView.as_view(),
        name="access_request_pdf",
    ),
    path("toegangscontrole/", review.AccessReviewView.as_view(), name="access_review"),
    path(
        "bewaartermijnen/",
        retention_views.RetentionPolicyListView.as_view(),
        name="retention_terms",
    ),
    path(
        "bewaartermijnen/<int:pk>/",
        retention_views.RetentionPolicyUpdateView.as_view(),
        name="retention_term_edit",
    ),
    path(
        "bewaartermijnen/record/",
        retention_views.RecordRetentionView.as_view(),
        name="record_retention",
    ),
    path(
        "vernietiging/",
        retention_views.DestructionListsView.as_view(),
        name="destruction_lists",
    ),
    path(
        "vernietiging/<int:pk>/",
        retention_views.DestructionListDetailView.as_view(),
        name="destruction_list",
    ),
    path(
        "vernietiging/<int:pk>/uitzonderen/<int:item>/",
        retention_views.ExcludeItemView.as_view(),
        name="destruction_exclude",
    ),
    path(
        "vernietiging/<int:pk>/verklaring/",
        retention_views.CertificateDownloadView.as_view(),
        name="destruction_certificate",
    ),
]
