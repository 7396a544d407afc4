from django.urls import path

from tables import views

app_name = "tables"

urlpatterns = [
    path("", views.TableListView.as_view(), name="table_list"),
    path("<int:pk>/", views.TableDetailView.as_view(), name="table_detail"),
    path("<int:pk>/wijzigen/", views.TableEditView.as_view(), name="table_edit"),
    path("overleg/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("overleg/<int:pk>/agendapunt/", views.AgendaItemCreateView.as_view(), name="item_add"),
    path(
        "overleg/<int:pk>/besluitenlijst/",
        views.DecisionListView.as_view(),
        name="decision_list",
    ),
    path("agendapunt/<int:pk>/besluit/", views.DecisionView.as_view(), name="decision"),
    path("acties/", views.MyActionsView.as_view(), name="my_actions"),
    path("acties/<int:pk>/status/", views.ActionStatusView.as_view(), name="action_status"),
    path("soorten/", views.KindListView.as_view(), name="kind_list"),
    path("soorten/<int:pk>/", views.KindEditView.as_view(), name="kind_edit"),
]
