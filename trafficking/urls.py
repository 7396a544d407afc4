from django.urls import path

from trafficking import views

app_name = "trafficking"

urlpatterns = [
    path("signalen/", views.SignalListView.as_view(), name="signal_list"),
    path("signalen/export/", views.SignalListExportView.as_view(), name="signal_list_export"),
    path("signalen/nieuw/", views.SignalCreateView.as_view(), name="signal_create"),
    path("signalen/<int:pk>/", views.SignalDetailView.as_view(), name="signal_detail"),
    path("signalen/<int:pk>/wijzigen/", views.SignalUpdateView.as_view(), name="signal_update"),
    path(
        "signalen/<int:pk>/indicatoren/",
        views.SignalIndicatorsView.as_view(),
        name="signal_indicators",
    ),
    path(
        "signalen/<int:pk>/opvolging/",
        views.FollowUpCreateView.as_view(),
        name="follow_up_create",
    ),
    path("signalen/<int:pk>/comensha/", views.ComenshaReportView.as_view(), name="comensha"),
    path("signalen/<int:pk>/heropenen/", views.SignalReopenView.as_view(), name="signal_reopen"),
    path("opvolging/<int:pk>/status/", views.FollowUpStatusView.as_view(), name="follow_up_status"),
    path("comensha/", views.ComenshaExportView.as_view(), name="comensha_export"),
    path("drieluik/", views.MeetingListView.as_view(), name="meeting_list"),
    path("drieluik/nieuw/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("drieluik/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("drieluik/<int:pk>/agenda/", views.MeetingAgendaView.as_view(), name="meeting_agenda"),
    path(
        "drieluik/agendapunt/<int:pk>/besluit/",
        views.AgendaItemDecisionView.as_view(),
        name="decision",
    ),
    path("bewustwording/", views.AwarenessListView.as_view(), name="awareness_list"),
    path("bewustwording/nieuw/", views.AwarenessCreateView.as_view(), name="awareness_create"),
    path("indicatoren/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicatoren/nieuw/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path(
        "indicatoren/<int:pk>/wijzigen/",
        views.IndicatorUpdateView.as_view(),
        name="indicator_update",
    ),
    path("cijfers/", views.FiguresView.as_view(), name="figures"),
]
