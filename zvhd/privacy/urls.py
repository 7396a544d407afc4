from django.urls import path

from zvhd.privacy import views

app_name = "privacy"

urlpatterns = [
    path("toegangslog/", views.AccessLogView.as_view(), name="access_log"),
]
