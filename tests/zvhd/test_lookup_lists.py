"""The lookup lists (problem areas, topics, closing reasons) and the municipalities are kept by
the functioneel beheerder in the app (issue 17, point 3): what they change is what the forms
offer, the pages show and the figures count; codes never change, inactive terms stay readable."""

from datetime import date

import pytest
from django.urls import reverse

from advice.models import Topic
from cases import figures
from cases.models import Case, Status
from tests import matrix
from tests.cases.factories import make_case
from tests.cases.test_views import registration_post
from tests.cast import CAST_USERS
from tests.conflicts import two_editors
from tests.factories import UserFactory
from zvhd import terms
from zvhd.network.models import Municipality, Role, Term, Vocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_lists():
    """Each test starts from and leaves the stored lists (its own changes roll back)."""
    terms.forget()
    yield
    terms.forget()


def term(vocabulary, code) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def _only_beheerder(status=200):
    return {name: (status if name == "beheerder" else 403) for name in CAST_USERS}


ROWS = [
    matrix.Row("network:term_list", None, _only_beheerder()),
    matrix.Row("network:term_create", "probleemgebied", _only_beheerder(), args=["probleemgebied"]),
    matrix.Row(
        "network:term_update",
        "afsluitreden-overig",
        _only_beheerder(),
        args=lambda _records: [term(Vocabulary.AFSLUITREDEN, "overig").pk],
    ),
    matrix.Row("network:municipality_list", None, _only_beheerder()),
    matrix.Row("network:municipality_create", None, _only_beheerder()),
    matrix.Row(
        "network:municipality_update",
        "assen",
        _only_beheerder(),
        args=lambda _records: [Municipality.objects.get(cbs_code="GM0106").pk],
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_only_the_functioneel_beheerder_keeps_the_lists(cast, client, row):
    matrix.check(row, client=client, people=matrix.people_of(cast))


def test_an_unknown_list_is_a_404(cast, client_for):
    response = client_for(cast.beheerder).get(reverse("network:term_create", args=["geheim"]))
    assert response.status_code == 404


def test_the_lists_are_there_after_migrate_with_the_seeds_labels():
    assert terms.label(Vocabulary.PROBLEEMGEBIED, "lvb") == "LVB (licht verstandelijke beperking)"
    assert terms.label(Vocabulary.AFSLUITREDEN, "verhuisd").startswith("Verhuisd")
    assert terms.is_choosable(Vocabulary.AANDACHTSGEBIED, "multiproblematiek")


def test_a_renamed_problem_area_shows_in_the_form_the_file_and_the_figures(cast, client_for):
    client = client_for(cast.beheerder)
    area = term(Vocabulary.PROBLEEMGEBIED, "schulden")
    response = client.post(
        reverse("network:term_update", args=[area.pk]),
        {"label": "Schulden en geldzorgen", "position": 5, "active": "on", "version": 1},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        problem_areas=["schulden"],
    )
    form = client_for(cast.partner).get(reverse("cases:register")).content.decode()
    assert "Schulden en geldzorgen" in form and "Schuldenproblematiek" not in form
    counted = figures.problem_areas(date.today().year)
    assert counted["Schulden en geldzorgen"] == 1
    assert next(iter(counted)) == "Schulden en geldzorgen"  # position 5: first


def test_a_new_problem_area_can_be_chosen_and_is_counted(cast, client_for):
    client = client_for(cast.beheerder)
    response = client.post(
        reverse("network:term_create", args=["probleemgebied"]),
        {"code": "dakloosheid", "label": "Dakloosheid", "position": 200, "active": "on"},
    )
    assert response.status_code == 302
    response = client_for(cast.partner).post(
        reverse("cases:register"), registration_post(cast, problem_areas=["dakloosheid"])
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert [str(a) for a in case.problem_areas.all()] == ["Dakloosheid"]


def test_an_inactive_closing_reason_cannot_be_chosen_but_stays_readable(cast, client_for):
    closed = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.AFGESLOTEN,
        director=cast.regisseur,
    )  # closed with "doel_bereikt"
    reason = term(Vocabulary.AFSLUITREDEN, "doel_bereikt")
    response = client_for(cast.beheerder).post(
        reverse("network:term_update", args=[reason.pk]),
        {"label": reason.label, "position": reason.position, "version": reason.version},
    )  # no "active": unticked
    assert response.status_code == 302
    open_case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    client = client_for(cast.regisseur)
    page = client.get(reverse("cases:close", args=[open_case.pk])).content.decode()
    assert 'value="doel_bereikt"' not in page and 'value="overleden"' in page
    response = client.post(
        reverse("cases:close", args=[open_case.pk]),
        {"reason": "doel_bereikt", "closed_on": date.today().isoformat()},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    detail = client.get(reverse("cases:case_detail", args=[closed.pk])).content.decode()
    assert reason.label in detail


def test_a_list_keeps_one_active_term_and_codes_are_fixed(cast, client_for):
    client = client_for(cast.beheerder)
    reasons = list(Term.objects.filter(vocabulary=Vocabulary.AFSLUITREDEN))
    last = reasons.pop()
    Term.objects.filter(pk__in=[r.pk for r in reasons]).update(active=False)
    terms.forget()
    response = client.post(
        reverse("network:term_update", args=[last.pk]),
        {"label": last.label, "position": last.position, "version": last.version, "code": "x"},
    )
    assert response.status_code == 200
    assert "ten minste één actieve term" in response.content.decode()
    last.refresh_from_db()
    assert last.active and last.code != "x"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"code": "lvb", "label": "Nieuw"}, "code", "al een term met deze code"),
        ({"code": "nieuw", "label": "verslaving"}, "label", "al een term met deze omschrijving"),
        ({"code": "met spatie", "label": "Nieuw"}, "code", "geldige"),
        ({"code": "nieuw", "label": "x" * 10_000}, "label", "niet meer dan 120 tekens"),
        ({"code": "nieuw", "label": "Nieuw", "position": "99999999"}, "position", "32767"),
        ({"code": "", "label": ""}, "label", "vereist"),
    ],
)
def test_bad_input_for_a_term_is_a_message_at_the_field(cast, client_for, data, field, message):
    response = client_for(cast.beheerder).post(
        reverse("network:term_create", args=["probleemgebied"]),
        {"position": 100, "active": "on", **data},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not Term.objects.filter(vocabulary="probleemgebied", code="nieuw").exists()


def test_advice_topics_follow_the_list(cast, client_for):
    topic = term(Vocabulary.AANDACHTSGEBIED, "mensenhandel")
    client_for(cast.beheerder).post(
        reverse("network:term_update", args=[topic.pk]),
        {"label": "Mensenhandel en uitbuiting", "position": topic.position, "version": 1},
    )
    advice_topic = Topic.objects.get(code="mensenhandel")
    assert advice_topic.label == "Mensenhandel en uitbuiting" and not advice_topic.active


def test_two_beheerders_editing_one_term_lose_nothing(cast, client_for):
    second = UserFactory(username="beheerder2", roles=[Role.FUNCTIONEEL_BEHEERDER])
    area = term(Vocabulary.PROBLEEMGEBIED, "overig")
    two_editors(
        client_for,
        url=reverse("network:term_update", args=[area.pk]),
        first=cast.beheerder,
        second=second,
        record=area,
        field="label",
        first_value="Overige problematiek",
        second_value="Anders",
    )


def test_the_beheerder_adds_a_municipality_and_corrects_a_name(cast, client_for):
    client = client_for(cast.beheerder)
    response = client.post(
        reverse("network:municipality_create"),
        {"name": "Nieuwdorp", "cbs_code": "gm9999", "region": "zuidwest"},
    )
    assert response.status_code == 302
    created = Municipality.objects.get(cbs_code="GM9999")
    assert created.slug == "nieuwdorp"
    response = client.post(
        reverse("network:municipality_update", args=[created.pk]),
        {"name": "Nieuw-Dorp", "cbs_code": "GM0001", "region": "zuidwest", "version": 1},
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.name == "Nieuw-Dorp" and created.cbs_code == "GM9999"  # the code is fixed
    page = client.get(reverse("network:municipality_list")).content.decode()
    assert "Nieuw-Dorp" in page and "69.000" in page  # Assen's inhabitants, Dutch grouping


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "Assen", "cbs_code": "GM9998"}, "name"),
        ({"name": "Ergens", "cbs_code": "1234"}, "cbs_code"),
        ({"name": "Ergens", "cbs_code": "GM0106"}, "cbs_code"),
        ({"name": "E" * 5000, "cbs_code": "GM9997"}, "name"),
    ],
)
def test_bad_input_for_a_municipality_is_a_message_at_the_field(cast, client_for, data, field):
    response = client_for(cast.beheerder).post(
        reverse("network:municipality_create"), {"region": "noord", **data}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_the_lists_are_read_once_per_process_not_per_use(django_assert_num_queries):
    terms.entries(Vocabulary.PROBLEEMGEBIED)
    with django_assert_num_queries(0):
        for _ in range(100):
            terms.label(Vocabulary.PROBLEEMGEBIED, "lvb")
            terms.choices(Vocabulary.AFSLUITREDEN)


def test_another_process_change_is_seen_from_the_next_request_on(client_for, cast):
    """The shared generation is asked once per request, not per use (a case file used the
    lists three times: three Redis round trips); a change another process announced is seen
    by the next request."""
    from unittest import mock

    from django.core.cache import cache

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        problem_areas=["schulden"],
    )
    client = client_for(cast.regisseur)
    client.get(reverse("cases:case_detail", args=[case.pk]))
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        page = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200
    asked = [c for c in get.call_args_list if c.args and c.args[0] == terms.GENERATION_KEY]
    assert len(asked) == 1

    # Another process renames a term: its row changes and it bumps the generation.
    Term.objects.filter(vocabulary=Vocabulary.PROBLEEMGEBIED, code="schulden").update(
        label="Schulden en geldzorgen"
    )
    assert terms.label(Vocabulary.PROBLEEMGEBIED, "schulden") != "Schulden en geldzorgen"
    cache.set(terms.GENERATION_KEY, "another-process")
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Schulden en geldzorgen" in page
