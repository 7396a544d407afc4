from django.urls import path

from zvhd.lists import views

app_name = "lists"

urlpatterns = [
    path("filters/bewaren/", views.SaveFilterView.as_view(), name="saved_filter_save"),
    path("filters/<int:pk>/", views.OpenFilterView.as_view(), name="saved_filter_open"),
    path(
        "filters/<int:pk>/verwijderen/",
        views.DeleteFilterView.as_view(),
        name="saved_filter_delete",
    ),
]
