"""Risk assessments, safety flags and the legal basis of exchanges (issue 20 parts 1-2)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services as case_services
from cases.models import Enrichment, LegalBasis, Status
from risk import services
from risk.models import Assessment, FlagScope, SafetyFlag
from tests.cases.factories import make_case, person_data
from tests.risk.factories import example_instrument, make_assessment, make_flag

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )


def assessment_post(instrument, **changes):
    today = date.today()
    data = {
        "instrument": instrument.pk,
        "assessed_on": today.isoformat(),
        "assessor": "Ria Regisseur",
        "organisation": instrument.pk and "",
        "level": "hoog",
        "next_review_on": (today + timedelta(days=30)).isoformat(),
        "notes": "Besproken in het overleg",
    }
    for domain in instrument.domains.filter(active=True):
        data[f"score_{domain.pk}"] = "2"
    data.update(changes)
    return data


def test_the_director_records_an_assessment_with_a_score_per_domain(cast, client_for, case):
    instrument = example_instrument()
    data = assessment_post(instrument, organisation=cast.zvhd.pk)
    response = client_for(cast.regisseur).post(
        reverse("risk:assessment_create", args=[case.pk]), data
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(case=case)
    assert assessment.scores.count() == instrument.domains.count() == 6
    assert assessment.history.count() == 1 and assessment.level == "hoog"


def test_a_score_outside_the_scale_is_refused_at_its_field_and_nothing_is_lost(
    cast, client_for, case
):
    instrument = example_instrument()
    domain = instrument.domains.first()
    data = assessment_post(instrument, organisation=cast.zvhd.pk, **{f"score_{domain.pk}": "7"})
    response = client_for(cast.regisseur).post(
        reverse("risk:assessment_create", args=[case.pk]), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"score_{domain.pk}"] == [
        "De score moet tussen 0 en 3 liggen."
    ]
    html = response.content.decode()
    assert "Besproken in het overleg" in html and 'value="7"' in html
    assert not Assessment.objects.exists()
    with pytest.raises(ValidationError) as refused:
        make_assessment(case=case, by=cast.regisseur, scores={domain.pk: -1})
    assert f"score_{domain.pk}" in refused.value.message_dict


def test_a_review_date_before_the_assessment_is_refused_at_its_field(cast, client_for, case):
    instrument = example_instrument()
    today = date.today()
    data = assessment_post(
        instrument,
        organisation=cast.zvhd.pk,
        next_review_on=(today - timedelta(days=3)).isoformat(),
    )
    response = client_for(cast.regisseur).post(
        reverse("risk:assessment_create", args=[case.pk]), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors["next_review_on"] == [
        "De herbeoordeling moet na de datum van de taxatie liggen."
    ]
    with pytest.raises(ValidationError) as refused:
        make_assessment(case=case, by=cast.regisseur, review_in=0)
    assert "next_review_on" in refused.value.message_dict


def test_an_enrichment_without_a_legal_basis_is_refused_and_the_text_stays(cast, client_for, case):
    response = client_for(cast.liaison_politie).post(
        reverse("cases:enrich", args=[case.pk]),
        {"text": "Bekend bij de politie", "shared_with": "team", "purpose": ""},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["legal_basis"] == ["Kies de grondslag waaronder u deze gegevens verstrekt."]
    assert errors["purpose"] == ["Geef aan met welk doel u deze gegevens verstrekt."]
    assert "Bekend bij de politie" in response.content.decode()
    assert not Enrichment.objects.exists()
    with pytest.raises(ValidationError) as refused:
        case_services.add_enrichment(
            case=case,
            added_by=cast.liaison_politie,
            text="x",
            shared_with="team",
            legal_basis=None,
            purpose="",
        )
    assert set(refused.value.message_dict) == {"legal_basis", "purpose"}


def test_the_case_file_shows_the_basis_per_item_and_unknown_for_old_ones(cast, client_for, case):
    case_services.add_enrichment(
        case=case,
        added_by=cast.liaison_politie,
        text="Melding overlast",
        shared_with="team",
        legal_basis=LegalBasis.objects.get(code="wpg"),
        purpose="Triage",
    )
    html = client_for(cast.regisseur).get(reverse("cases:case_detail", args=[case.pk]))
    text = html.content.decode()
    assert "Wpg — politiegegevens" in text and "Triage" in text
    # The registration of the factory has no basis: shown as unknown, not invented.
    assert "onbekend (vóór registratie van grondslag)" in text


def test_flags_show_in_the_list_for_readers_of_the_file_only(
    cast, client_for, case, django_assert_max_num_queries
):
    make_flag(case=case, by=cast.regisseur, name="Wapenbezit")
    other = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        person=case.person,
    )
    make_flag(case=other, by=cast.regisseur, name="Niet alleen op huisbezoek", scope="persoon")
    client = client_for(cast.regisseur)
    client.get(reverse("cases:case_list"))
    # The pinned count of the list (tests/cases/test_views.py: 6, one fewer with Redis) holds
    # with the flag column: the flags come with the page of cases, no query of their own.
    with django_assert_max_num_queries(6):
        html = client.get(reverse("cases:case_list")).content.decode()
    assert "Wapenbezit" in html and "Niet alleen op huisbezoek" in html
    assert "Veiligheid" in html
    for summary_reader in (cast.gemeente, cast.begeleider):
        html = client_for(summary_reader).get(reverse("cases:case_list")).content.decode()
        assert case.number in html
        assert "Wapenbezit" not in html and "Niet alleen" not in html
        detail = client_for(summary_reader).get(reverse("cases:case_detail", args=[case.pk]))
        assert "Wapenbezit" not in detail.content.decode()


def test_a_person_flag_shows_on_every_case_of_that_person(cast, client_for, case):
    make_flag(case=case, by=cast.regisseur, name="Gevaar voor medewerkers", scope="persoon")
    second = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        person=case.person,
    )
    third = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        person=person_data(cast.assen),
    )
    client = client_for(cast.regisseur)
    assert (
        "Gevaar voor medewerkers"
        in client.get(reverse("cases:case_detail", args=[second.pk])).content.decode()
    )
    assert (
        "Gevaar voor medewerkers"
        not in client.get(reverse("cases:case_detail", args=[third.pk])).content.decode()
    )


def test_a_lifted_flag_needs_a_reason_and_leaves_the_list(cast, client_for, case):
    flag = make_flag(case=case, by=cast.regisseur)
    client = client_for(cast.regisseur)
    url = reverse("risk:flag_lift", args=[flag.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert client.post(url, {"reason": "Wapen ingeleverd"}).status_code == 302
    flag.refresh_from_db()
    assert flag.lifted_on == date.today() and flag.lifted_by == cast.regisseur
    assert flag.history.count() == 2
    assert "Wapenbezit" not in client.get(reverse("cases:case_list")).content.decode()


def test_the_scale_of_a_used_instrument_cannot_change(cast, client_for, case):
    make_assessment(case=case, by=cast.regisseur)
    instrument = example_instrument()
    response = client_for(cast.beheerder).post(
        reverse("risk:instrument_edit", args=[instrument.pk]),
        {
            "name": instrument.name,
            "guidance": "",
            "scale_min": "0",
            "scale_max": "5",
            "domains": "Geweld en agressie\nMiddelengebruik",
            "active": "on",
            "version": instrument.version,
        },
    )
    assert response.status_code == 200
    assert "scale_min" in response.context["form"].errors
    instrument.refresh_from_db()
    assert instrument.scale_max == 3 and instrument.domains.filter(active=True).count() == 6


def test_the_review_reminder_goes_once_per_date(
    cast, case, mailoutbox, django_capture_on_commit_callbacks
):
    from inbox.models import Notification
    from risk.tasks import send_review_reminders

    make_assessment(
        case=case, by=cast.regisseur, on=date.today() - timedelta(days=10), review_in=12
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_reminders() == 1
    assert send_review_reminders() == 0
    told = Notification.objects.filter(kind="risk_review")
    assert list(told.values_list("recipient", flat=True)) == [cast.regisseur.pk]
    # By e-mail too (the kind's default): the case number and an absolute link, no names.
    assert case.number in mailoutbox[0].subject
    assert "http" in mailoutbox[0].body


def test_no_reminder_for_an_earlier_assessments_review_once_the_case_is_reassessed(
    cast, case, django_capture_on_commit_callbacks
):
    from risk.tasks import send_review_reminders

    today = date.today()
    make_assessment(case=case, by=cast.regisseur, on=today - timedelta(days=100), review_in=95)
    make_assessment(case=case, by=cast.regisseur, on=today - timedelta(days=7), review_in=180)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_reminders() == 0


def test_the_risk_tab_says_the_latest_review_is_overdue_as_the_start_panel_does(
    cast, client_for, case
):
    """Seen as the trajectbegeleider on 2026-12-07: the start panel said "Verlopen" for
    2025-0005, its risk tab showed the date only."""
    today = date.today()
    url = reverse("risk:case_risk", args=[case.pk])
    client = client_for(cast.regisseur)
    make_assessment(case=case, by=cast.regisseur, on=today - timedelta(days=100), review_in=95)
    assert client.get(url).content.decode().count("Verlopen") == 1
    # Reassessed: the earlier review date no longer counts.
    make_assessment(case=case, by=cast.regisseur, on=today - timedelta(days=7), review_in=180)
    assert "Verlopen" not in client.get(url).content.decode()


def test_the_risk_tab_and_the_exchanges_register_have_fixed_query_counts(
    cast, client_for, case, django_assert_max_num_queries
):
    for _ in range(3):
        make_assessment(case=case, by=cast.regisseur)
        make_flag(case=case, by=cast.regisseur)
        case_services.add_enrichment(
            case=case,
            added_by=cast.liaison_politie,
            text="x",
            shared_with="team",
            legal_basis=LegalBasis.objects.get(code="wpg"),
            purpose="Triage",
        )
    client = client_for(cast.regisseur)
    url = reverse("risk:case_risk", args=[case.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        client.get(url)
    privacy = client_for(cast.privacy)
    url = reverse("cases:exchanges")
    privacy.get(url)
    with django_assert_max_num_queries(9):
        html = privacy.get(url, {"basis": "wpg"}).content.decode()
    assert "Wpg — politiegegevens" in html and case.number in html
    assert "Triage" in html and ">x<" not in html  # the purpose, never the content
    assert privacy.get(url, {"basis": "onbekend", "kind": "aanmelding"}).status_code == 200


def test_the_inzage_lists_who_provided_what_under_which_basis(cast, case):
    from zvhd.privacy.registry import find_person

    case_services.add_enrichment(
        case=case,
        added_by=cast.liaison_politie,
        text="Melding overlast",
        shared_with="team",
        legal_basis=LegalBasis.objects.get(code="wpg"),
        purpose="Triage",
    )
    make_flag(case=case, by=cast.regisseur)
    sections = dict(find_person(last_name=case.person.last_name, birth_date=case.person.birth_date))
    cases_records = sections["Casussen (procesregie)"]
    item = next(r for r in cases_records if r.title.startswith("Verrijking"))
    assert ("Verstrekt door", "Politie") in item.fields
    assert ("Grondslag", "Wpg — politiegegevens") in item.fields
    assert item.logged == [case]
    risk_records = sections["Risicotaxaties en veiligheidssignalen"]
    assert risk_records[0].title == f"Veiligheidssignaal in casus {case.number}"


def test_destroying_a_case_removes_its_assessments_and_flags(cast, case):
    from cases.privacy import anonymise

    make_assessment(case=case, by=cast.regisseur)
    make_flag(case=case, by=cast.regisseur, scope=FlagScope.PERSON)
    anonymise([case.pk], reason="Vernietigd volgens vernietigingslijst 1")
    assert not Assessment._base_manager.filter(case=case).exists()
    assert not SafetyFlag._base_manager.filter(case=case).exists()
    assert not SafetyFlag.history.filter(case_id=case.pk).exists()


def test_nothing_is_added_to_a_closed_case(cast, case):
    case.status = Status.AFGESLOTEN
    with pytest.raises(ValidationError):
        services.set_flag(case=case, set_by=cast.regisseur, kind=None, scope="casus")


def test_the_review_panel_reads_each_cases_latest_assessment_and_shows_the_earliest_first(
    cast, client_for
):
    """A case reassessed last week, its next review months ahead, stood on the panel as
    "Verlopen" for its earlier assessment; and the cut to ten took the first case numbers,
    not the reviews most overdue."""
    today = date.today()

    def running():
        return make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
        )

    reassessed = running()
    make_assessment(
        case=reassessed, by=cast.regisseur, on=today - timedelta(days=200), review_in=90
    )
    make_assessment(case=reassessed, by=cast.regisseur, on=today - timedelta(days=7), review_in=180)
    # Eleven due, numbered so that the most overdue has the highest case number.
    due = [running() for _ in range(11)]
    for n, item in enumerate(due):
        make_assessment(
            case=item, by=cast.regisseur, on=today - timedelta(days=100), review_in=90 - n
        )
    response = client_for(cast.regisseur).get(reverse("start"))
    data = next(p for p in response.context["panels"] if p["template"].endswith("reviews.html"))
    shown = [row["case_id"] for row in data["reviews"]]
    assert reassessed.pk not in shown
    assert shown == [item.pk for item in reversed(due)][:10]  # the earliest review first
    assert data["more"]
    assert "Er zijn er meer" in response.content.decode()
