from django.urls import path

from risk import views

app_name = "risk"

urlpatterns = [
    path("casus/<int:pk>/", views.CaseRiskView.as_view(), name="case_risk"),
    path("casus/<int:pk>/taxatie/", views.AssessmentCreateView.as_view(), name="assessment_create"),
    path("casus/<int:pk>/signaal/", views.FlagCreateView.as_view(), name="flag_create"),
    path("taxaties/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("signalen/<int:pk>/opheffen/", views.FlagLiftView.as_view(), name="flag_lift"),
    path("beheer/", views.InstrumentListView.as_view(), name="instrument_list"),
    path("beheer/instrument/nieuw/", views.InstrumentFormView.as_view(), name="instrument_create"),
    path("beheer/instrument/<int:pk>/", views.InstrumentFormView.as_view(), name="instrument_edit"),
    path("beheer/signaal/nieuw/", views.FlagKindFormView.as_view(), name="flag_kind_create"),
    path("beheer/signaal/<int:pk>/", views.FlagKindFormView.as_view(), name="flag_kind_edit"),
]
