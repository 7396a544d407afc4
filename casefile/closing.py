"""The case file's open points on the closing page (cases.closing): documents asked of a
partner and not yet received. Registered in CasefileConfig.ready(), one query."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from casefile.models import DocumentRequest
from cases.closing import OpenItem
from zvhd import formats


def outstanding_requests(case) -> list[OpenItem]:
    """Every outstanding request of the case, whoever may see it: the closing page is the
    director's, and what is left open must be known in full before a case closes."""
    url = reverse("casefile:documents", args=[case.pk])
    label = _("Document nog niet ontvangen")
    rows = (
        DocumentRequest.objects.outstanding()
        .filter(case_id=case.pk)
        .select_related("organisation")
        .order_by("due_on", "pk")
    )
    return [
        OpenItem(
            "document",
            label,
            _("%(what)s (opgevraagd bij %(org)s op %(on)s, uiterlijk %(due)s)")
            % {
                "what": request.title,
                "org": request.organisation,
                "on": formats.short_date(request.requested_on),
                "due": formats.short_date(request.due_on),
            },
            f"{url}#verzoek-{request.pk}",
            _("ontvangen of niet meer nodig"),
        )
        for request in rows
    ]
