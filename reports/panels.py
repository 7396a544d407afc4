"""Start-page panel: the active direction cases of the last complete year.

Reads the published snapshot when there is one, else one aggregate query (`case_counts`), so
the start page never computes a whole report.
"""

from reports.figures import case_counts
from reports.models import JobStatus, YearSnapshot
from reports.policy import OWN_MUNICIPALITY, scope_for
from reports.views import default_year
from zvhd.network.models import Municipality


def figures(request) -> dict:
    year = default_year()
    user = request.user
    if scope_for(user, "dashboard") == OWN_MUNICIPALITY:
        municipality = Municipality.objects.get(pk=user.municipality_id)
        active = case_counts(year, municipality)["active_direction"]["total"]
        return {"year": year, "municipality": municipality.name, "active": active}
    snapshot = (
        YearSnapshot._base_manager.filter(year=year, published=True, status=JobStatus.DONE)
        .only("data")
        .first()
    )
    if snapshot is not None:
        active = snapshot.data["active_direction"]["total"]
        return {"year": year, "active": active, "published": True}
    return {"year": year, "active": case_counts(year)["active_direction"]["total"]}
