from django.urls import path

from federation import api_views

app_name = "federation_api"

urlpatterns = [
    path("vraag/", api_views.AskView.as_view(), name="ask"),
]
