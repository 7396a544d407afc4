from django.urls import path

from aftercare import views

app_name = "aftercare"

urlpatterns = [
    path("", views.RecordListView.as_view(), name="record_list"),
    path("export/", views.RecordListExportView.as_view(), name="record_list_export"),
    path("melding/", views.NotificationCreateView.as_view(), name="notification_create"),
    path("ontslagen/", views.ReleasesView.as_view(), name="releases"),
    path("cijfers/", views.FiguresView.as_view(), name="figures"),
    path("deelnemende-gemeenten/", views.ParticipationView.as_view(), name="participation"),
    path("mijn-gemeente/", views.MunicipalListView.as_view(), name="municipal_list"),
    path("<int:pk>/", views.RecordDetailView.as_view(), name="record_detail"),
    path("<int:pk>/samenvatting/", views.SummaryView.as_view(), name="record_summary"),
    path("<int:pk>/koppeling/", views.LinkView.as_view(), name="record_link"),
    path("<int:pk>/toestemming/", views.ConsentView.as_view(), name="consent"),
    path("<int:pk>/informatie/", views.EnrichmentView.as_view(), name="enrich"),
    path(
        "<int:pk>/voorwaarden/<int:condition_pk>/",
        views.ConditionView.as_view(),
        name="condition",
    ),
    path("<int:pk>/voorwaarden/nieuw/", views.ExtraConditionView.as_view(), name="extra_condition"),
    path("<int:pk>/contact/", views.ContactView.as_view(), name="contact"),
    path("<int:pk>/begeleiding/", views.StartGuidanceView.as_view(), name="start_guidance"),
    path("<int:pk>/begeleiding/einde/", views.EndGuidanceView.as_view(), name="end_guidance"),
    path("<int:pk>/ontslag/", views.ReleaseView.as_view(), name="release"),
    path("<int:pk>/opschalen/", views.EscalateView.as_view(), name="escalate"),
    path("<int:pk>/afsluiten/", views.CloseView.as_view(), name="close"),
]
