from django.urls import path

from finance import views
from finance.models import DocumentKind

app_name = "finance"

urlpatterns = [
    path("", views.FinanceHomeView.as_view(), name="home"),
    path("nieuw-jaar/", views.YearCreateView.as_view(), name="year_create"),
    path("mijn-gemeente/", views.MyContributionView.as_view(), name="my_contribution"),
    path("verdeelsleutels/", views.KeyListView.as_view(), name="keys"),
    path("verdeelsleutels/nieuw/", views.KeyFormView.as_view(), name="key_create"),
    path("verdeelsleutels/<int:pk>/", views.KeyFormView.as_view(), name="key_update"),
    path("inwoners/", views.InhabitantsView.as_view(), name="inhabitants"),
    path("regel/<int:pk>/", views.BudgetLineView.as_view(), name="line"),
    path("document/<int:pk>/", views.DocumentStatusView.as_view(), name="document_status"),
    path("document/<int:pk>/pdf/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("<int:year>/", views.YearDetailView.as_view(), name="year"),
    path("<int:year>/wijzigen/", views.YearUpdateView.as_view(), name="year_update"),
    path("<int:year>/status/", views.YearStatusView.as_view(), name="year_status"),
    path("<int:year>/concept-volgend-jaar/", views.DraftNextYearView.as_view(), name="draft_next"),
    path("<int:year>/regels/nieuw/", views.BudgetLineCreateView.as_view(), name="line_create"),
    path("<int:year>/reserve/", views.ReserveMovementCreateView.as_view(), name="reserve_create"),
    path("<int:year>/liaisons/", views.LiaisonCreateView.as_view(), name="liaison_create"),
    path("<int:year>/formatie/", views.StaffingCreateView.as_view(), name="staffing_create"),
    path("<int:year>/begroting.xlsx", views.XlsxView.as_view(what="budget"), name="budget_xlsx"),
    path(
        "<int:year>/begroting.pdf",
        views.DocumentRequestView.as_view(kind=DocumentKind.BUDGET),
        name="budget_pdf",
    ),
    path("<int:year>/bijdragen/", views.ContributionsView.as_view(), name="contributions"),
    path(
        "<int:year>/bijdragen.xlsx",
        views.XlsxView.as_view(what="contributions"),
        name="contributions_xlsx",
    ),
    path(
        "<int:year>/bijdragen.pdf",
        views.DocumentRequestView.as_view(kind=DocumentKind.CONTRIBUTIONS),
        name="contributions_pdf",
    ),
    path(
        "<int:year>/bijdragen/plustaak/",
        views.ContributionsPostView.as_view(what="plus"),
        name="plus_task_create",
    ),
    path(
        "<int:year>/bijdragen/brieven/",
        views.ContributionsPostView.as_view(what="letters"),
        name="letters",
    ),
]
