from django.urls import path

from zvhd.privacy import review, views

app_name = "privacy"

urlpatterns = [
    path("toegangslog/", views.AccessLogView.as_view(), name="access_log"),
    path("toegangscontrole/", review.AccessReviewView.as_view(), name="access_review"),
]
