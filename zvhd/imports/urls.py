from django.urls import path

from zvhd.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportListView.as_view(), name="list"),
    path("<int:pk>/", views.ImportDetailView.as_view(), name="detail"),
    path("kopregel/<slug:kind>.csv", views.ImportTemplateView.as_view(), name="header_file"),
]
