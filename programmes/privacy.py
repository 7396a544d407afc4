"""The programmes in the subject-access export (inzage) and in destruction.

Which programmes a person's case was in (TBS, radicalisering, levensloopaanpak ...) and
when is case data: the inzage lists every period of the person's cases, and the periods have
no retention term of their own but go with their case (`AttachedData` of cases.case).

On destruction the periods stay: the programme figures count them (programmes.figures), and
once the case's person is a stand-in they name nobody. What goes is their history (the old
versions, and the periods removed as entered by mistake, which the figures never counted);
each period keeps one fresh history row with the destruction's reason.
"""

from __future__ import annotations

from cases.models import Case, Person
from programmes.models import CaseProgramme
from zvhd.privacy.registry import FoundRecord, display


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    if bsn:
        persons = Person.objects.filter(bsn=bsn)
    elif last_name and birth_date:
        persons = Person.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    else:
        return []
    periods = (
        CaseProgramme.objects.filter(case__in=Case.objects.filter(person__in=persons))
        .select_related("case", "programme", "added_by")
        .order_by("case__registered_at", "started_on", "pk")
    )
    return [
        FoundRecord(
            title=f"Programma {p.programme.name} bij casus {p.case.number}",
            description=(
                "Een periode waarin uw casus deel uitmaakte van een programma of aanpak "
                "(bijvoorbeeld de levensloopaanpak of een maatregel)."
            ),
            fields=[
                ("Programma", p.programme.name),
                ("In het programma vanaf", display(p.started_on)),
                ("Uit het programma op", display(p.ended_on) if p.ended_on else "nog lopend"),
                ("Vastgelegd door", display(p.added_by.get_full_name())),
            ],
            logged=[p.case],
        )
        for p in periods
    ]


# No retention term of its own: the case's term decides (see `destroy_with_cases`).


def retention_records(*, kind, closed_until):
    return []


def find_record(number):
    return None


def records_by_id(ids):
    return []


def anonymise(ids, *, reason) -> int:
    return 0


def destroy_with_cases(case_ids, *, reason) -> int:
    """Forget the history of the destroyed cases' periods; keep the periods themselves."""
    from zvhd.privacy.erasure import scrub

    case_ids = [int(pk) for pk in case_ids]
    # The removed periods live on only in the history: the rows of their deletion and before.
    CaseProgramme.history.model._default_manager.filter(case_id__in=case_ids).delete()
    return scrub(
        CaseProgramme._base_manager.filter(case_id__in=case_ids),
        {"ended_on": lambda period: period.ended_on},
        reason=reason,
    )


def destroyed_with_cases(case_ids) -> dict:
    """Nothing to name on the certificate: the periods stay (anonymous, for the figures)."""
    return {}
