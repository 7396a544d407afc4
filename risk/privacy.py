"""The risk app in the subject-access export (inzage) and in destruction.

Assessments and flags belong to a case: they have no retention term of their own (they go
when their case is destroyed: `erase_cases`, registered with `cases.extensions.on_anonymise`),
so the retention functions of the provider return nothing.
"""

from __future__ import annotations

from cases.models import Case, Person
from risk.models import Assessment, SafetyFlag, Score
from zvhd.privacy.erasure import erase
from zvhd.privacy.registry import FoundRecord, display


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    if bsn:
        persons = Person.objects.filter(bsn=bsn)
    else:
        persons = Person.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    cases = Case.objects.filter(person__in=persons)
    found = []
    for a in (
        Assessment.objects.filter(case__in=cases)
        .select_related("case", "instrument", "organisation")
        .prefetch_related("scores__domain")
        .order_by("assessed_on", "pk")
    ):
        found.append(
            FoundRecord(
                title=f"Risicotaxatie in casus {a.case.number}",
                description="Een inschatting van risico's, gemaakt door een professional.",
                fields=[
                    ("Datum", display(a.assessed_on)),
                    ("Instrument", str(a.instrument)),
                    ("Beoordelaar", f"{a.assessor}, {a.organisation}"),
                    *[(s.domain.name, str(s.score)) for s in a.scores.all()],
                    ("Totaalniveau", a.get_level_display()),
                    ("Volgende herbeoordeling", display(a.next_review_on)),
                    ("Toelichting", display(a.notes)),
                ],
                logged=[a.case],
            )
        )
    for f in (
        SafetyFlag.objects.filter(case__in=cases)
        .select_related("case", "kind", "set_by")
        .order_by("set_on", "pk")
    ):
        found.append(
            FoundRecord(
                title=f"Veiligheidssignaal in casus {f.case.number}",
                description="Een waarschuwing voor de veiligheid van medewerkers.",
                fields=[
                    ("Signaal", str(f.kind)),
                    ("Geplaatst op", display(f.set_on)),
                    ("Geplaatst door", display(f.set_by.get_full_name())),
                    ("Toelichting", display(f.note)),
                    ("Opgeheven op", display(f.lifted_on)),
                    ("Reden van opheffen", display(f.lift_reason)),
                ],
                logged=[f.case],
            )
        )
    return found


def retention_records(*, kind, closed_until):
    return []


def find_record(number):
    return None


def records_by_id(ids):
    return []


def anonymise(ids, *, reason) -> int:
    return 0


def erase_cases(case_ids) -> None:
    """Delete every assessment, score and flag of destroyed cases, with their history."""
    erase(Score._base_manager.filter(assessment__case_id__in=case_ids))
    erase(Assessment._base_manager.filter(case_id__in=case_ids))
    erase(SafetyFlag._base_manager.filter(case_id__in=case_ids))
