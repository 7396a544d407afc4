"""The privacy officer's register of exchanges (cases:exchanges, issue 20 part 2), made fast
for 1,000,000 cases (issue 24): a default period, each kind limited before the UNION, the
totals per partner from the period's index, and bad input answered at the field."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.filters import a_year_before
from cases.models import EXCHANGE_TOTALS, Case, Enrichment, LegalBasis, Status
from cases.views import exchanges
from tests.cases.factories import make_case
from zvhd.querycache import next_generation

pytestmark = pytest.mark.django_db

URL = "cases:exchanges"


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def registration(cast, when: datetime, **extra) -> Case:
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        **extra,
    )
    Case.objects.filter(pk=case.pk).update(registered_at=when)
    case.refresh_from_db()
    return case


def enrich(cast, case, when: datetime, purpose="Triage") -> Enrichment:
    item = case_services.add_enrichment(
        case=case,
        added_by=cast.liaison_politie,
        text="Geheime inhoud",
        shared_with="team",
        legal_basis=LegalBasis.objects.get(code="wpg"),
        purpose=purpose,
    )
    Enrichment.objects.filter(pk=item.pk).update(added_at=when)
    return item


def numbers(response) -> list[str]:
    return [row["x_number"] for row in response.context["rows"]]


def test_the_register_shows_the_last_twelve_months_unless_asked_otherwise(cast, client_for):
    today = timezone.localdate()
    recent = registration(cast, at(today - timedelta(days=30)))
    old = registration(cast, at(today - timedelta(days=800)))
    enrich(cast, old, at(today - timedelta(days=700)), purpose="Oud doel")
    client = client_for(cast.privacy)

    response = client.get(reverse(URL))
    html = response.content.decode()
    assert numbers(response) == [recent.number]
    assert response.context["page"].paginator.count == 1
    # The period is in the form, with its Dutch explanation, so the reader can change it.
    assert f'value="{a_year_before(today).isoformat()}"' in html
    assert "Standaard de laatste twaalf maanden. Leeg: alle jaren." in html
    assert "Oud doel" not in html

    # An emptied "Vanaf": every year; the totals count both kinds together.
    response = client.get(reverse(URL), {"date_from": ""})
    assert numbers(response) == [recent.number, old.number, old.number]
    assert response.context["page"].paginator.count == 3
    assert sum(t["count"] for t in response.context["totals"]) == 3
    # Nothing in the period: an empty page, no error.
    response = client.get(reverse(URL), {"date_from": "2001-01-01", "date_to": "2001-12-31"})
    assert response.status_code == 200 and numbers(response) == []
    assert "Er zijn geen resultaten." in response.content.decode()
    # Only an end: no default start either.
    response = client.get(reverse(URL), {"date_to": (today - timedelta(days=365)).isoformat()})
    assert numbers(response) == [old.number, old.number]


def test_the_period_is_whole_local_days(cast, client_for):
    day = date(2025, 3, 30)  # the night the clocks go forward
    late = registration(cast, at(day, 23, 59))
    early = registration(cast, at(day, 0, 0))
    before = registration(cast, at(day - timedelta(days=1), 23, 59))
    after = registration(cast, at(day + timedelta(days=1), 0, 0))
    client = client_for(cast.privacy)
    response = client.get(reverse(URL), {"date_from": day.isoformat(), "date_to": day.isoformat()})
    assert numbers(response) == [late.number, early.number]
    response = client.get(reverse(URL), {"date_from": "", "date_to": day.isoformat()})
    assert before.number in numbers(response) and after.number not in numbers(response)


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"date_from": "garbage"}, "date_from", "Voer een geldige datum in."),
        ({"date_to": "31-02-2025"}, "date_to", "Voer een geldige datum in."),
        (
            {"date_from": "2025-06-01", "date_to": "2025-01-01"},
            "date_to",
            "Deze datum ligt voor de datum bij “Vanaf”.",
        ),
        (
            {"date_from": "0001-01-01"},
            "date_from",
            "Vul een datum in tussen 1 januari 1900 en 31 december 2100.",
        ),
        (
            {"date_to": "9999-12-31"},
            "date_to",
            "Vul een datum in tussen 1 januari 1900 en 31 december 2100.",
        ),
        ({"organisation": "garbage"}, "organisation", None),
        ({"kind": "alles"}, "kind", None),
        ({"basis": "x" * 300}, "basis", None),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field_and_no_rows(
    cast, client_for, params, field, message
):
    registration(cast, at(timezone.localdate()))
    response = client_for(cast.privacy).get(reverse(URL), params)
    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert field in errors
    if message:
        assert errors[field] == [message]
        assert message in response.content.decode()
    assert response.context["rows"] == []
    assert response.context["page"].paginator.count == 0


@pytest.mark.parametrize(
    "params",
    [
        {"van": "garbage"},  # not a parameter of the register: ignored
        {"pagina": "garbage"},
        {"pagina": "99999"},
        {"date_from": "1900-01-01", "date_to": "2100-12-31"},
    ],
)
def test_odd_input_is_no_error(cast, client_for, params):
    case = registration(cast, at(timezone.localdate()))
    response = client_for(cast.privacy).get(reverse(URL), params)
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    if "date_from" not in params and "date_to" not in params:
        assert numbers(response) == [case.number]


@pytest.mark.parametrize("size", [4, 2, 3])
def test_every_exchange_is_on_exactly_one_page(cast, client_for, monkeypatch, size):
    """Equal moments (an import, the bench's clones) fall on one page each, in a fixed order:
    before, each page sorted the UNION anew and a row could appear twice and another never.
    The pages of the older half are read from the oldest end: the same order."""
    monkeypatch.setattr(exchanges, "PAGE_SIZE", size)
    moment = at(timezone.localdate() - timedelta(days=3))
    older = registration(cast, moment - timedelta(hours=1))
    cases = [registration(cast, moment) for _ in range(3)]
    items = [enrich(cast, cases[i % 3], moment) for i in range(6)]
    newest = enrich(cast, older, moment + timedelta(hours=1))
    client = client_for(cast.privacy)
    seen = []
    for page in range(1, 12 // size + 1):
        rows = client.get(reverse(URL), {"pagina": page}).context["rows"]
        seen += [(row["x_kind"], row["x_id"]) for row in rows]
    expected = (
        [("verrijking", newest.pk)]
        + [("aanmelding", c.pk) for c in sorted(cases, key=lambda c: -c.pk)]
        + [("verrijking", i.pk) for i in sorted(items, key=lambda i: -i.pk)]
        + [("aanmelding", older.pk)]
    )
    assert seen == expected


def test_the_totals_combine_both_kinds_per_partner_and_basis(cast, client_for):
    today = timezone.localdate()
    case = registration(cast, at(today), legal_basis=LegalBasis.objects.get(code="wpg"))
    enrich(cast, case, at(today))
    enrich(cast, case, at(today))
    response = client_for(cast.privacy).get(reverse(URL))
    totals = {(t["organisation"], str(t["basis"])): t["count"] for t in response.context["totals"]}
    wpg = LegalBasis.objects.get(code="wpg").name
    assert totals[(cast.politie.name, wpg)] == 2
    assert totals[(cast.partner.organisation.name, wpg)] == 1
    assert response.context["page"].paginator.count == 3
    # Only registrations: the enrichments' query is not asked at all.
    response = client_for(cast.privacy).get(reverse(URL), {"kind": "aanmelding"})
    assert numbers(response) == [case.number]


def test_the_query_count_does_not_grow_with_the_exchanges(
    cast, client_for, settings, django_assert_num_queries
):
    settings.SESSION_RENEW_SECONDS = 24 * 3600
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    client = client_for(cast.privacy)
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            case = registration(cast, at(today - timedelta(days=i % 300)))
            enrich(cast, case, at(today - timedelta(days=i % 200)))

    add(3)
    client.get(reverse(URL))  # the menu and the filter choices cached
    # The user, the bases, the totals of each kind, the partners' names, the page (one
    # UNION), the partners of the form; the access log writes nothing (no personal data).
    # Each request below counts its totals (they are kept in the cache until a case or an
    # enrichment changes: the next test); with them from the cache, two queries fewer.
    expected = 7 + session
    next_generation(EXCHANGE_TOTALS)
    with django_assert_num_queries(expected):
        client.get(reverse(URL))
    with django_assert_num_queries(expected - 2):
        client.get(reverse(URL))
    add(60)
    with django_assert_num_queries(expected):
        response = client.get(reverse(URL), {"pagina": 2})
    assert len(response.context["rows"]) == 50
    next_generation(EXCHANGE_TOTALS)
    with django_assert_num_queries(expected):
        client.get(reverse(URL), {"date_from": "", "basis": "wpg"})


def test_the_totals_are_kept_until_a_registration_or_enrichment_changes(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for(cast.privacy)
    today = timezone.localdate()
    case = registration(cast, at(today))
    assert client.get(reverse(URL)).context["page"].paginator.count == 1
    enrich(cast, case, at(today))
    assert client.get(reverse(URL)).context["page"].paginator.count == 2
    Enrichment.objects.get(case=case).delete()
    assert client.get(reverse(URL)).context["page"].paginator.count == 1
    other = registration(cast, at(today))
    response = client.get(reverse(URL))
    assert response.context["page"].paginator.count == 2
    assert numbers(response) == [other.number, case.number]
