"""Risk records built through the services."""

from __future__ import annotations

from datetime import date, timedelta

from risk import services
from risk.models import FlagKind, FlagScope, Instrument, Level


def example_instrument() -> Instrument:
    return Instrument.objects.get(is_example=True)


def make_assessment(*, case, by, on=None, review_in=60, scores=None, level=Level.MEDIUM):
    instrument = example_instrument()
    on = on or date.today() - timedelta(days=1)
    domains = list(instrument.domains.filter(active=True))
    return services.record_assessment(
        case=case,
        recorded_by=by,
        instrument=instrument,
        assessed_on=on,
        assessor=by.get_full_name() or by.username,
        organisation=by.organisation,
        scores=scores or {d.pk: 1 for d in domains},
        level=level,
        next_review_on=on + timedelta(days=review_in),
    )


def make_flag(*, case, by, name="Wapenbezit", scope=FlagScope.CASE):
    return services.set_flag(
        case=case, set_by=by, kind=FlagKind.objects.get(name=name), scope=scope, note="Let op"
    )
