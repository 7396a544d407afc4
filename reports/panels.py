"""Start-page panel: where to find the figures of the last complete year.

No queries on purpose: the start page has a fixed query budget for every role (the house's
test pins it at 15), and the figures themselves are one click away on the dashboard.
"""

from reports.policy import OWN_MUNICIPALITY, scope_for
from reports.views import default_year


def figures(request) -> dict:
    own = scope_for(request.user, "dashboard") == OWN_MUNICIPALITY
    return {"year": default_year(), "municipal": own}
