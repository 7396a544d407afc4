"""Pages of the cases app. Every view reaches cases through `Case.objects.visible_to` (via
ScopedMixin / ScopedListMixin) and writes through one service in `cases.services`.

One module per page group; `cases.urls` reaches every view through this package.
"""

from cases.views.case_file import (
    CaseDetailView,
    CaseFormView,
    CasePageMixin,
    CaseTabView,
    HistoryView,
    MeetingsView,
    PlanView,
    TimelineView,
)
from cases.views.direction import (
    ActionCreateView,
    ActionStatusView,
    CasePeopleView,
    CaseSettingsView,
    ChildActionView,
    CloseView,
    ClosingDecisionView,
    DirectFormView,
    EscalateView,
    GoalCreateView,
    LinkGroupView,
    MeetingCreateView,
    PlanEditView,
    ReopenView,
    ResolveEscalationView,
    TeamMemberView,
)
from cases.views.exchanges import ExchangesView, LegalBasisFormView, LegalBasisListView
from cases.views.groups import (
    GroupDetailView,
    GroupListView,
)
from cases.views.intake import (
    EnrichView,
    KnownPersonView,
    RegisteredView,
    RegisterView,
    ScreenView,
    TriageView,
    WithdrawView,
)
from cases.views.ketenkamer import (
    DecisionListView,
    KetenkamerDetailView,
    KetenkamerListView,
)
from cases.views.list_tools import (
    CaseListExportView,
    MyCasesExportView,
    OrganisationRegistrationsExportView,
    TriageQueueExportView,
)
from cases.views.lists import (
    PAGE_SIZE,
    CaseListBase,
    CaseListView,
    MyCasesView,
    OrganisationRegistrationsView,
    TriageQueueView,
)

__all__ = [
    "ExchangesView",
    "LegalBasisFormView",
    "LegalBasisListView",
    "PAGE_SIZE",
    "CaseListBase",
    "CaseListView",
    "MyCasesView",
    "TriageQueueView",
    "OrganisationRegistrationsView",
    "CaseListExportView",
    "MyCasesExportView",
    "TriageQueueExportView",
    "OrganisationRegistrationsExportView",
    "CasePageMixin",
    "CaseDetailView",
    "CaseTabView",
    "PlanView",
    "MeetingsView",
    "HistoryView",
    "TimelineView",
    "ClosingDecisionView",
    "CaseSettingsView",
    "CaseFormView",
    "RegisterView",
    "KnownPersonView",
    "RegisteredView",
    "ScreenView",
    "EnrichView",
    "TriageView",
    "WithdrawView",
    "DirectFormView",
    "CasePeopleView",
    "PlanEditView",
    "GoalCreateView",
    "ActionCreateView",
    "MeetingCreateView",
    "TeamMemberView",
    "EscalateView",
    "CloseView",
    "ReopenView",
    "LinkGroupView",
    "ChildActionView",
    "ActionStatusView",
    "ResolveEscalationView",
    "KetenkamerListView",
    "KetenkamerDetailView",
    "DecisionListView",
    "GroupListView",
    "GroupDetailView",
]
