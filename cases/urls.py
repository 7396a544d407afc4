from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("mijn/", views.MyCasesView.as_view(), name="my_cases"),
    path("triage/", views.TriageQueueView.as_view(), name="triage_queue"),
    path(
        "mijn-organisatie/",
        views.OrganisationRegistrationsView.as_view(),
        name="organisation_registrations",
    ),
    # The lists as spreadsheets (cases.views.list_tools), each exactly its list.
    path("export/", views.CaseListExportView.as_view(), name="case_list_export"),
    path("mijn/export/", views.MyCasesExportView.as_view(), name="my_cases_export"),
    path("triage/export/", views.TriageQueueExportView.as_view(), name="triage_queue_export"),
    path(
        "mijn-organisatie/export/",
        views.OrganisationRegistrationsExportView.as_view(),
        name="organisation_registrations_export",
    ),
    # A user's saved filters of every list are the house's: zvhd.lists (lijsten/).
    path("aanmelden/", views.RegisterView.as_view(), name="register"),
    path("aanmelden/bekend/", views.KnownPersonView.as_view(), name="known_person"),
    path("<int:pk>/ontvangen/", views.RegisteredView.as_view(), name="registered"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/plan/", views.PlanView.as_view(), name="case_plan"),
    path("<int:pk>/plan/wijzigen/", views.PlanEditView.as_view(), name="plan_edit"),
    path("<int:pk>/doelen/nieuw/", views.GoalCreateView.as_view(), name="goal_create"),
    path("<int:pk>/acties/nieuw/", views.ActionCreateView.as_view(), name="action_create"),
    path("<int:pk>/overleggen/", views.MeetingsView.as_view(), name="case_meetings"),
    path("<int:pk>/overleggen/nieuw/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/geschiedenis/", views.HistoryView.as_view(), name="case_history"),
    path("<int:pk>/tijdlijn/", views.TimelineView.as_view(), name="case_timeline"),
    path("<int:pk>/screenen/", views.ScreenView.as_view(), name="screen"),
    path("<int:pk>/verrijken/", views.EnrichView.as_view(), name="enrich"),
    path("<int:pk>/besluit/", views.TriageView.as_view(), name="triage"),
    path("<int:pk>/intrekken/", views.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/wijzigen/", views.CasePeopleView.as_view(), name="case_people"),
    path("<int:pk>/team/", views.TeamMemberView.as_view(), name="team_add"),
    path("<int:pk>/opschalen/", views.EscalateView.as_view(), name="escalate"),
    path("<int:pk>/afsluiten/", views.CloseView.as_view(), name="close"),
    path("<int:pk>/heropenen/", views.ReopenView.as_view(), name="reopen"),
    path("<int:pk>/groep/", views.LinkGroupView.as_view(), name="link_group"),
    path("acties/<int:pk>/status/", views.ActionStatusView.as_view(), name="action_status"),
    path(
        "opschalingen/<int:pk>/afronden/",
        views.ResolveEscalationView.as_view(),
        name="resolve_escalation",
    ),
    path(
        "afsluitingen/<int:pk>/beoordelen/",
        views.ClosingDecisionView.as_view(),
        name="closing_decide",
    ),
    path("instellingen/", views.CaseSettingsView.as_view(), name="settings"),
    path("ketenkamer/", views.KetenkamerListView.as_view(), name="ketenkamer_list"),
    path("ketenkamer/<int:pk>/", views.KetenkamerDetailView.as_view(), name="ketenkamer_detail"),
    path(
        "ketenkamer/<int:pk>/besluitenlijst/",
        views.DecisionListView.as_view(),
        name="decision_list",
    ),
    path("groepen/", views.GroupListView.as_view(), name="group_list"),
    path("uitwisselingen/", views.ExchangesView.as_view(), name="exchanges"),
    path("grondslagen/", views.LegalBasisListView.as_view(), name="legal_basis_list"),
    path("grondslagen/nieuw/", views.LegalBasisFormView.as_view(), name="legal_basis_create"),
    path("grondslagen/<int:pk>/", views.LegalBasisFormView.as_view(), name="legal_basis_edit"),
    path("groepen/<int:pk>/", views.GroupDetailView.as_view(), name="group_detail"),
]
