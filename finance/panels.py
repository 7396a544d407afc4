"""Start-page panels: the finance officer's open work, the contact's own contribution."""

from finance.figures import contributions_for
from finance.models import FinanceDocument, FinanceYear, YearStatus
from zvhd.jobs import JobStatus


def finance(request):
    user = request.user
    years = list(FinanceYear.objects.visible_to(user).for_list()[:3])
    return {
        "years": years,
        "concepts": [y for y in years if y.status == YearStatus.CONCEPT],
        "failed": FinanceDocument.objects.visible_to(user).filter(status=JobStatus.FAILED).count(),
    }


def contribution(request):
    user = request.user
    year = FinanceYear.objects.visible_to(user).for_contributions().order_by("-year").first()
    row = None
    if year is not None and user.municipality_id:
        result = contributions_for(year)
        row = None if result.error else result.row_for(user.municipality)
    return {"year": year, "row": row, "municipality": user.municipality}
