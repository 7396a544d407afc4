from django.urls import path

from zvhd.privacy import review, views

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
]
