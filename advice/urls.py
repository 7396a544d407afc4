from django.urls import path

from advice import views

app_name = "advice"

# The list lives under vragen/ (not the app root) so the menu marks only the section in use.

urlpatterns = [
    path("vragen/", views.AdviceListView.as_view(), name="list"),
    path("vragen/export/", views.AdviceListExportView.as_view(), name="list_export"),
    path("snel/", views.QuickAdviceView.as_view(), name="quick"),
    path("vragen/nieuw/", views.AdviceCreateView.as_view(), name="create"),
    path("vragen/<int:pk>/", views.AdviceDetailView.as_view(), name="detail"),
    path("vragen/<int:pk>/wijzigen/", views.AdviceUpdateView.as_view(), name="update"),
    path("vragen/<int:pk>/omzetten/", views.AdviceConvertView.as_view(), name="convert"),
    path("sociale-kaart/", views.DirectoryListView.as_view(), name="directory"),
    path("sociale-kaart/nieuw/", views.DirectoryCreateView.as_view(), name="directory_create"),
    path("sociale-kaart/<int:pk>/", views.DirectoryDetailView.as_view(), name="directory_detail"),
    path(
        "sociale-kaart/<int:pk>/wijzigen/",
        views.DirectoryUpdateView.as_view(),
        name="directory_update",
    ),
    path(
        "sociale-kaart/gemeente/<slug:slug>/",
        views.MunicipalityContactView.as_view(),
        name="municipality_contact",
    ),
    path("signalen/", views.SignalListView.as_view(), name="signal_list"),
    path("signalen/nieuw/", views.SignalCreateView.as_view(), name="signal_create"),
    path("signalen/<int:pk>/", views.SignalDetailView.as_view(), name="signal_detail"),
    path("signalen/<int:pk>/wijzigen/", views.SignalUpdateView.as_view(), name="signal_update"),
    path("signalen/<int:pk>/status/", views.SignalStatusView.as_view(), name="signal_status"),
]
