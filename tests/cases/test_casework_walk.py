"""What the walk through the case-work pages found (issue 23, part A), pinned.

Counters that count what they say and link to exactly that list; the triage decision form
with its context, numbered criteria and no decision for a ketenkamer that has not met; the
registration form without a pre-selected topic; labels that do not contradict their errors.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case, Ketenkamer, Status
from tests.cases.factories import exchange, make_case

pytestmark = pytest.mark.django_db


def panel(response, name):
    return next(p for p in response.context["panels"] if p["template"].endswith(name))


def listed(client, url):
    """The case numbers a case list shows."""
    return {row.number for row in client.get(url).context["table"].rows}


# Counters ------------------------------------------------------------------------------------


def test_the_review_counter_counts_overdue_reviews_apart_from_those_due_soon(cast, client_for):
    today = timezone.localdate()
    due_soon, overdue, later = (
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
        )
        for _ in range(3)
    )
    for case, review_on in (
        (due_soon, today + timedelta(days=3)),
        (overdue, today - timedelta(days=30)),
        (later, today + timedelta(days=60)),
    ):
        case.review_on = review_on
        case.save()
    client = client_for(cast.regisseur)
    data = panel(client.get(reverse("start")), "my_work.html")
    assert (data["active"], data["review_soon"], data["review_overdue"]) == (3, 1, 1)
    mine = reverse("cases:my_cases")
    assert listed(client, f"{mine}?status=procesregie&evaluatie=binnenkort") == {due_soon.number}
    assert listed(client, f"{mine}?status=procesregie&evaluatie=verlopen") == {overdue.number}
    assert listed(client, f"{mine}?status=procesregie") == {
        due_soon.number,
        overdue.number,
        later.number,
    }


def test_actions_due_this_week_leave_out_overdue_ones_which_are_counted_apart(cast, client_for):
    today = timezone.localdate()
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    other = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    for description, due_on in (
        ("Huisbezoek uit 2023", today - timedelta(days=900)),
        ("Intake deze week", today + timedelta(days=2)),
        ("Evaluatie volgende maand", today + timedelta(days=40)),
    ):
        services.add_action(
            case=case,
            added_by=cast.regisseur,
            description=description,
            owner_organisation=cast.ggz,
            due_on=due_on,
        )
    done = services.add_action(
        case=other,
        added_by=cast.regisseur,
        description="Klaar maar te laat",
        owner_organisation=cast.ggz,
        due_on=today - timedelta(days=5),
    )
    services.set_action_status(action=done, changed_by=cast.regisseur, status="gereed")
    client = client_for(cast.regisseur)
    response = client.get(reverse("start"))
    data = panel(response, "my_work.html")
    assert [a.description for a in data["due"]] == ["Intake deze week"]
    assert data["with_overdue_actions"] == 1
    page = response.content.decode()
    assert "Acties die vervallen" not in page  # "vervallen" is also an action's status
    assert "1 casus met acties over de uiterste datum" in page
    mine = reverse("cases:my_cases")
    assert listed(client, f"{mine}?status=procesregie&acties=verlopen") == {case.number}


def test_a_zero_count_on_the_start_panel_is_text_not_a_link_to_an_empty_list():
    from django.template.loader import render_to_string

    counts = {"active": 24352, "review_soon": 0, "review_overdue": 1204, "due": []}
    html = render_to_string(
        "cases/panels/my_work.html", {"panel": {**counts, "with_overdue_actions": 0}}
    )
    assert "24.352" in html and "1.204 casussen waarvan de evaluatiedatum" in html
    assert "evaluatie=verlopen" in html  # 1,204: a link, with its badge
    assert "evaluatie=binnenkort" not in html and "acties=verlopen" not in html
    assert html.count("Verlopen") == 1
    assert "0 casussen met acties over de uiterste datum" in html


def test_the_partner_counts_only_open_team_cases_and_its_link_lists_exactly_them(cast, client_for):
    running = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
    )
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.AFGESLOTEN,
        director=cast.regisseur,
        team=[cast.partner],
    )
    client = client_for(cast.partner)
    response = client.get(reverse("start"))
    assert panel(response, "partner.html")["team_cases"] == 1
    page = response.content.decode()
    assert "1 </p>" not in page and "lopende casus waarin u in het team zit" in page
    link = f"{reverse('cases:my_cases')}?status=lopend"
    assert link in page
    assert listed(client, link) == {running.number}


# The triage decision ---------------------------------------------------------------------------


@pytest.fixture
def in_triage(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner,
        reason="Overlast in de wijk en schulden",
    )
    services.add_enrichment(
        case=case,
        added_by=cast.liaison_politie,
        text="Bekend bij politie: drie meldingen",
        shared_with="zvhd",
        **exchange(),
    )
    return case


def decision_post(cast, ketenkamer):
    return {
        "decision": "maatwerk",
        "director": cast.regisseur.pk,
        "criteria_assessed": "on",
        "criterion_local_safety": "on",
        "ketenkamer": ketenkamer.pk,
    }


def test_the_decision_form_shows_the_registration_and_the_enrichment_it_decides_on(
    cast, client_for, in_triage
):
    page = client_for(cast.regisseur).get(reverse("cases:triage", args=[in_triage.pk]))
    text = page.content.decode()
    assert "Overlast in de wijk en schulden" in text
    assert "Bekend bij politie: drie meldingen" in text
    for number in range(1, 6):
        assert f"{number}. " in text
    assert 'Procesregisseur <span class="zvhd-optional">(verplicht bij procesregie)' in text
    assert 'Procesregisseur <span class="zvhd-optional">(niet verplicht)' not in text


def test_a_decision_for_a_ketenkamer_in_the_future_is_refused(cast, client_for, in_triage):
    ketenkamer = Ketenkamer.objects.create(date=timezone.localdate() + timedelta(days=4))
    client = client_for(cast.regisseur)
    url = reverse("cases:triage", args=[in_triage.pk]) + f"?ketenkamer={ketenkamer.pk}"
    assert "is nog niet geweest" in client.get(url).content.decode()
    response = client.post(url, decision_post(cast, ketenkamer))
    assert response.status_code == 200
    assert "is nog niet geweest" in str(response.context["form"].non_field_errors())
    in_triage.refresh_from_db()
    assert in_triage.status == Status.IN_TRIAGE


def test_process_support_records_the_ketenkamers_decision_and_the_page_says_who_may(
    cast, client_for, in_triage
):
    ketenkamer = Ketenkamer.objects.create(date=timezone.localdate())
    client = client_for(cast.ondersteuner)
    page = client.get(reverse("cases:ketenkamer_detail", args=[ketenkamer.pk])).content.decode()
    assert (
        "Het besluit van de ketenkamer legt de procesregisseur, de procesondersteuner of de "
        "manager vast." in page
    )
    url = reverse("cases:triage", args=[in_triage.pk]) + f"?ketenkamer={ketenkamer.pk}"
    assert client.post(url, decision_post(cast, ketenkamer)).status_code == 302
    in_triage.refresh_from_db()
    assert (in_triage.status, in_triage.director) == (Status.ACTIEF, cast.regisseur)
    # A liaison reads the agenda and is told who records the decisions.
    liaison = client_for(cast.liaison_politie)
    page = liaison.get(reverse("cases:ketenkamer_detail", args=[ketenkamer.pk])).content.decode()
    assert "legt de procesregisseur, de procesondersteuner of de manager vast" in page


def test_a_missing_director_is_asked_for_by_a_label_that_said_so(cast, client_for, in_triage):
    client = client_for(cast.regisseur)
    data = decision_post(cast, Ketenkamer.objects.create(date=timezone.localdate()))
    data["director"] = ""
    response = client.post(reverse("cases:triage", args=[in_triage.pk]), data)
    assert response.context["form"].errors["director"] == ["Wijs een procesregisseur aan."]
    assert "(verplicht bij procesregie)" in response.content.decode()


# The registration form ---------------------------------------------------------------------


def test_the_registration_form_preselects_no_topic_and_asks_for_one(cast, client_for):
    from tests.cases.test_views import registration_post

    client = client_for(cast.regisseur)
    page = client.get(reverse("cases:register")).content.decode()
    assert "— kies het aandachtsgebied —" in page
    assert "selected>(ex) gedetineerden" not in page
    response = client.post(reverse("cases:register"), registration_post(cast, topic=""))
    assert response.context["form"].errors["topic"] == [
        "Kies het aandachtsgebied van de aanmelding."
    ]


def test_the_registration_form_has_sections_with_headings_and_full_organisation_names(
    cast, client_for
):
    page = client_for(cast.regisseur).get(reverse("cases:register")).content.decode()
    for heading in ("De betrokkene", "De aanmelder", "De aanmelding", "Grondslag en doel"):
        assert f'<h2 class="utrecht-heading-2">{heading}</h2>' in page
    form = client_for(cast.regisseur).get(reverse("cases:register")).context["form"]
    labels = {label for _value, label in form.fields["invited_organisations"].choices}
    assert cast.politie.name in labels
    # "BSN (niet verplicht)" was followed by "Niet verplicht." in its help text.
    assert not str(form.fields["bsn"].help_text).startswith("Niet verplicht")


# The lists ---------------------------------------------------------------------------------


def test_a_case_list_says_how_many_cases_it_holds(cast, client_for):
    for _ in range(3):
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
        )
    page = client_for(cast.regisseur).get(reverse("cases:my_cases")).content.decode()
    assert "3 casussen" in page


def test_the_total_stops_counting_at_the_cap(cast, client_for, monkeypatch):
    from cases.views import lists

    monkeypatch.setattr(lists, "TOTAL_CAP", 2)
    for _ in range(3):
        make_case(registered_by=cast.partner, municipality=cast.assen)
    page = client_for(cast.regisseur).get(reverse("cases:triage_queue")).content.decode()
    assert "Meer dan 2 aanmeldingen" in page


def test_the_triage_list_shows_urgency_and_registrant_and_a_liaisons_enrichment_to_do(
    cast, client_for, in_triage
):
    waiting = make_case(registered_by=cast.partner_other, municipality=cast.assen)
    table = client_for(cast.liaison_politie).get(reverse("cases:triage_queue")).context["table"]
    headers = {header.label for header in table.headers}
    assert "Soort" not in headers and "Regisseur" not in headers
    assert {"Urgentie", "Aanmelder", "Verrijking van uw organisatie"} <= headers
    rows = {row.number: row for row in table.rows}
    assert rows[in_triage.number].enriched is True  # the police added what it knows
    assert rows[waiting.number].enriched is False
    assert rows[waiting.number].registrant == str(cast.vnn)
    # Bureau staff have no enrichment of their own to do: no such column.
    table = client_for(cast.ondersteuner).get(reverse("cases:triage_queue")).context["table"]
    assert "Verrijking van uw organisatie" not in {header.label for header in table.headers}


# Pages that say what they are about ----------------------------------------------------------


def test_the_action_status_page_says_which_action_it_is(cast, client_for):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
    )
    action = services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Intake GGZ plannen",
        owner_organisation=cast.ggz,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    page = client_for(cast.partner).get(reverse("cases:action_status", args=[action.pk]))
    text = page.content.decode()
    assert "Intake GGZ plannen" in text
    assert cast.ggz.name in text
    assert (timezone.localdate() + timedelta(days=10)).strftime("%d-%m-%Y") in text


def test_the_team_picker_shows_each_persons_organisation(cast, client_for):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    form = client_for(cast.regisseur).get(reverse("cases:team_add", args=[case.pk])).context["form"]
    labels = [label for _value, label in form.fields["user"].choices]
    assert f"{cast.partner} — {cast.ggz.name}" in labels
    assert f"{cast.liaison_politie} — {cast.politie.name}" in labels


def test_the_origin_links_only_for_who_may_open_it(cast, client_for):
    from tests.trafficking.factories import make_signal

    signal = make_signal(by=cast.mensenhandel, organisation=cast.ggz, municipality=cast.assen)
    url = reverse("trafficking:signal_detail", args=[signal.pk])
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        origin=f"Signaal mensenhandel {signal.reference}",
        origin_url=url,
    )
    detail = reverse("cases:case_detail", args=[case.pk])
    # The director sees the case but not the signal: the origin without a (dead) link.
    regisseur = client_for(cast.regisseur)
    assert regisseur.get(url).status_code == 404
    page = regisseur.get(detail).content.decode()
    assert f"Signaal mensenhandel {signal.reference}" in page
    assert f'href="{url}"' not in page
    # The chain director may open the signal: the link is there and it opens.
    mensenhandel = client_for(cast.mensenhandel)
    assert f'href="{url}"' in mensenhandel.get(detail).content.decode()
    assert mensenhandel.get(url).status_code == 200


# A meeting and its actions -----------------------------------------------------------------


def meeting_post(rows, **extra):
    data = {
        "date": timezone.localdate().isoformat(),
        "notes": "Overleg",
        "acties-TOTAL_FORMS": str(len(rows)),
        "acties-INITIAL_FORMS": "0",
    }
    for n, row in enumerate(rows):
        data.update({f"acties-{n}-{key}": value for key, value in row.items()})
    data.update(extra)
    return data


@pytest.fixture
def running(cast):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
    )


def test_a_meeting_records_any_number_of_actions_with_owner_and_a_default_due_date(
    cast, client_for, running
):
    client = client_for(cast.regisseur)
    url = reverse("cases:meeting_create", args=[running.pk])
    form = client.get(url).context["form"]
    default = timezone.localdate() + timedelta(days=14)
    assert form.action_forms.forms[0].fields["due_on"].initial == default
    rows = [
        {
            "description": f"Actie {n}",
            "owner": cast.partner.pk,
            "owner_organisation": "",
            "due_on": default.isoformat(),
        }
        for n in range(5)
    ]
    rows.append({"description": "", "owner_organisation": "", "due_on": default.isoformat()})
    assert client.post(url, meeting_post(rows)).status_code == 302
    actions = list(running.actions.order_by("description"))
    assert [a.description for a in actions] == [f"Actie {n}" for n in range(5)]
    # The person's organisation when only a person was chosen.
    assert {(a.owner, a.owner_organisation, a.due_on) for a in actions} == {
        (cast.partner, cast.ggz, default)
    }


def test_more_actions_shows_more_rows_and_keeps_what_was_typed(cast, client_for, running):
    client = client_for(cast.regisseur)
    url = reverse("cases:meeting_create", args=[running.pk])
    data = meeting_post([{"description": "Huisbezoek", "owner_organisation": cast.ggz.pk}])
    data["meer_acties"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.action_forms.forms) == 4
    assert not form.errors and "Huisbezoek" in response.content.decode()
    assert running.meetings.count() == 0


def test_an_action_row_without_organisation_or_owner_is_refused(cast, client_for, running):
    client = client_for(cast.regisseur)
    url = reverse("cases:meeting_create", args=[running.pk])
    response = client.post(url, meeting_post([{"description": "Huisbezoek", "due_on": ""}]))
    assert response.status_code == 200
    errors = response.context["form"].action_forms.forms[0].errors
    assert errors["owner_organisation"] and errors["due_on"]
    assert running.meetings.count() == 0


def test_the_ketenkamer_agenda_is_bounded_and_its_queries_do_not_grow(
    cast, client_for, monkeypatch, django_assert_max_num_queries
):
    """Issue 24: the agenda listed every waiting registration (15,000 rows, a 6 MB page at
    1M cases). It shows the oldest AGENDA_LIMIT and says there are more; its number of
    queries is the same for one registration and for more than the limit."""
    from cases.views import ketenkamer as views

    monkeypatch.setattr(views, "AGENDA_LIMIT", 2)
    ketenkamer = Ketenkamer.objects.create(date=timezone.localdate())
    url = reverse("cases:ketenkamer_detail", args=[ketenkamer.pk])
    client = client_for(cast.regisseur)

    def waiting():
        return make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.IN_TRIAGE,
            decided_by=cast.ondersteuner,
        )

    oldest = waiting()
    client.get(url)  # the session and caches, once
    with django_assert_max_num_queries(12) as one:
        page = client.get(url)
    assert [c.pk for c in page.context["agenda"]] == [oldest.pk]
    assert "er wachten er meer" not in page.content.decode()

    second, _third = waiting(), waiting()
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert [c.pk for c in page.context["agenda"]] == [oldest.pk, second.pk]
    assert "De agenda toont de 2 oudste aanmeldingen; er wachten er meer." in (
        page.content.decode()
    )


def test_a_meeting_after_which_another_was_held_shows_its_decisions_not_todays_agenda(
    cast, client_for, in_triage
):
    """A ketenkamer of weeks ago showed the registrations waiting today as its agenda. Once a
    later meeting has been held, the page keeps its decisions and points to the latest
    meeting; the latest meeting held (decisions are recorded the day after) and a planned one
    keep the agenda, and so does an older one as long as no later meeting has taken place."""
    today = timezone.localdate()
    old = Ketenkamer.objects.create(date=today - timedelta(days=14))
    in_triage.registered_at = timezone.now() - timedelta(days=20)  # waiting since before it
    in_triage.save(update_fields=["registered_at"])
    client = client_for(cast.regisseur)

    def page(meeting):
        return client.get(reverse("cases:ketenkamer_detail", args=[meeting.pk]))

    assert [c.pk for c in page(old).context["agenda"]] == [in_triage.pk]
    planned = Ketenkamer.objects.create(date=today + timedelta(days=3))
    assert [c.pk for c in page(old).context["agenda"]] == [in_triage.pk]  # not held yet

    latest = Ketenkamer.objects.create(date=today - timedelta(days=7))
    response = page(old)
    assert response.context["agenda"] == []
    text = response.content.decode()
    assert "daarna is er opnieuw een ketenkamer geweest" in text
    assert reverse("cases:ketenkamer_detail", args=[latest.pk]) in text
    assert "Besluit vastleggen" not in text
    assert [c.pk for c in page(latest).context["agenda"]] == [in_triage.pk]
    assert [c.pk for c in page(planned).context["agenda"]] == [in_triage.pk]


def test_a_meetings_decisions_are_paged_and_only_the_page_is_logged(
    cast, client_for, monkeypatch, django_assert_max_num_queries
):
    """Issue 24: a meeting of the 1M bench listed its 679 decisions on one page (and logged
    them all). They come a page at a time, in the order taken, and the queries do not grow."""
    from cases.views import ketenkamer as views
    from zvhd.privacy.models import AccessAction, AccessLog

    monkeypatch.setattr(views, "DECISIONS_PAGE", 2)
    ketenkamer = Ketenkamer.objects.create(date=timezone.localdate())
    url = reverse("cases:ketenkamer_detail", args=[ketenkamer.pk])
    client = client_for(cast.regisseur)

    def decided():
        case = make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.IN_TRIAGE,
            decided_by=cast.ondersteuner,
        )
        client.post(
            reverse("cases:triage", args=[case.pk]) + f"?ketenkamer={ketenkamer.pk}",
            decision_post(cast, ketenkamer),
        )
        return case

    first = decided()
    client.get(url)
    with django_assert_max_num_queries(14) as one:
        client.get(url)
    queries = len(one.captured_queries)
    second, third = decided(), decided()
    before = timezone.now()
    with django_assert_max_num_queries(queries):
        page = client.get(url)
    shown = [d.case.pk for d in page.context["page_obj"].object_list]
    assert shown == [first.pk, second.pk]
    assert "Paginering besluiten" in page.content.decode()
    logged = AccessLog.objects.filter(action=AccessAction.LIST, at__gte=before)
    assert set(logged.values_list("object_id", flat=True)) == {str(first.pk), str(second.pk)}
    last = client.get(url, {"page": 2}).context["page_obj"].object_list
    assert [d.case.pk for d in last] == [third.pk]


def test_a_liaison_is_told_decisions_were_taken_on_cases_they_may_not_open(cast, client_for):
    """After the decision the case left triage and the liaison's scope: the meeting said "Nog
    geen besluiten" to them, as if it had decided nothing."""
    from cases.models import Case

    waiting = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner,
    )
    ketenkamer = Ketenkamer.objects.create(date=timezone.localdate())
    url = reverse("cases:ketenkamer_detail", args=[ketenkamer.pk])
    assert "Nog geen besluiten." in client_for(cast.liaison_om).get(url).content.decode()
    client_for(cast.regisseur).post(
        reverse("cases:triage", args=[waiting.pk]) + f"?ketenkamer={ketenkamer.pk}",
        decision_post(cast, ketenkamer),
    )
    assert ketenkamer.decisions.count() == 1
    assert not Case.objects.visible_to(cast.liaison_om).filter(pk=waiting.pk).exists()
    page = client_for(cast.liaison_om).get(url)  # one test client: logged in anew
    assert list(page.context["page_obj"].object_list) == []
    text = page.content.decode()
    assert "besluiten genomen over casussen waarvan u het dossier niet mag inzien" in text
    assert "Nog geen besluiten." not in text
    director = client_for(cast.regisseur).get(url)
    assert [d.case.pk for d in director.context["page_obj"].object_list] == [waiting.pk]


def test_the_triage_queue_shows_the_longest_waiting_registration_first(cast, client_for):
    """The overdue registrations (past five working days) were at the end of the last page:
    the queue was the case list's order, newest first."""
    now = timezone.now()
    waited = {
        days: make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.IN_TRIAGE,
            registered_at=now - timedelta(days=days),
        ).number
        for days in (1, 12, 5)
    }
    client = client_for(cast.ondersteuner)
    url = reverse("cases:triage_queue")
    response = client.get(url)
    numbers = [row.number for row in response.context["table"].rows]
    assert numbers == [waited[12], waited[5], waited[1]]
    page = response.content.decode()
    assert "de langst wachtende eerst" in page
    assert "?sort=-aangemeld" in page  # the header turns the order round
    newest = [row.number for row in client.get(url, {"sort": "-aangemeld"}).context["table"].rows]
    assert newest == [waited[1], waited[5], waited[12]]
    # The other lists keep their own order: open cases first, the newest first.
    mine = client.get(reverse("cases:case_list")).content.decode()
    assert "open casussen eerst, daarna de nieuwste eerst" in mine


def test_the_municipal_panel_counts_each_kind_of_open_case_and_links_to_exactly_them(
    cast, client_for
):
    """It said "1 actieve casussen" while three more of the municipality's cases were in
    ondersteuning."""
    made = {
        status: {
            make_case(
                registered_by=cast.partner,
                municipality=cast.assen,
                status=status,
                director=cast.regisseur if status == Status.ACTIEF else None,
            ).number
            for _ in range(count)
        }
        for status, count in (
            (Status.ACTIEF, 1),
            (Status.ONDERSTEUNING, 2),
            (Status.IN_TRIAGE, 3),
        )
    }
    make_case(registered_by=cast.partner, municipality=cast.emmen, status=Status.ONDERSTEUNING)
    client = client_for(cast.gemeente)
    response = client.get(reverse("start"))
    data = panel(response, "cases/panels/municipality.html")
    assert (data["active"], data["support"], data["in_triage"]) == (1, 2, 3)
    page = response.content.decode()
    assert "1 <span>casus in procesregie</span>" in page
    assert "2 casussen in ondersteuning" in page and "3 aanmeldingen in triage" in page
    cases = reverse("cases:case_list")
    assert listed(client, f"{cases}?status=procesregie") == made[Status.ACTIEF]
    assert listed(client, f"{cases}?status=ondersteuning") == made[Status.ONDERSTEUNING]
    assert listed(client, f"{cases}?status=triage") == made[Status.IN_TRIAGE]


def test_the_case_page_names_each_criterion_the_ketenkamer_answered(cast, client_for):
    """It said "1 ja · 2 ja · 3 ja · 4 ja · 5 nee": the numbers are on the decision list's
    legend, not on the case page."""
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    page = client_for(cast.regisseur).get(reverse("cases:case_detail", args=[case.pk]))
    html = page.content.decode()
    assert "<strong>ja</strong>: Meervoudige problematiek op meer dan één levensgebied" in html
    assert "<strong>nee</strong>: Of: ernstig lokaal of gebiedsgebonden veiligheidsprobleem" in html
    assert "1 ja" not in html


def test_a_ketenkamer_still_to_come_shows_its_agenda_but_no_decision_links_or_forms(
    cast, client_for
):
    """Next week's meeting offered "Besluit vastleggen" (which the service then refused),
    attendance and a decision list."""
    coming = services.plan_ketenkamer(
        date=timezone.localdate() + timedelta(days=7), planned_by=cast.ondersteuner
    )
    waiting = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner,
    )
    client = client_for(cast.ondersteuner)
    url = reverse("cases:ketenkamer_detail", args=[coming.pk])
    page = client.get(url).content.decode()
    assert waiting.number in page  # the agenda as it stands
    assert reverse("cases:triage", args=[waiting.pk]) not in page
    assert "Besluiten, aanwezigheid en de besluitenlijst legt u vanaf die dag vast." in page
    assert "Aanwezigheid opslaan" not in page and "Besluitenlijst maken" not in page
    # A liaison reads the agenda; the page does not tell them what they will record.
    liaison = client_for(cast.liaison_politie).get(url).content.decode()
    assert waiting.number in liaison and "legt u vanaf die dag vast" not in liaison
    assert "vanaf " + coming.date.strftime("%d-%m-%Y") not in liaison
    # On the day itself, everything is there.
    Ketenkamer.objects.filter(pk=coming.pk).update(date=timezone.localdate())
    today = client_for(cast.ondersteuner).get(url).content.decode()
    assert reverse("cases:triage", args=[waiting.pk]) in today
    assert "Aanwezigheid opslaan" in today and "Besluitenlijst maken" in today


def running_group_case(cast):
    """A running case in Emmen directed by the director: what the group tests link."""
    return make_case(
        registered_by=cast.partner,
        municipality=cast.emmen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )


def test_the_group_list_is_a_table_with_running_cases_and_the_form_keeps_bad_input(
    cast, client_for
):
    """Seen as the director on 2026-12-07: the page was a bullet and an open form."""
    group = services.create_group(
        name="Jeugdgroep Emmen-Centrum", director=cast.regisseur, created_by=cast.regisseur
    )
    running = running_group_case(cast)
    closed = running_group_case(cast)
    for case in (running, closed):
        services.link_to_group(case=case, group=group, linked_by=cast.regisseur)
    Case.objects.filter(pk=closed.pk).update(status=Status.AFGESLOTEN)  # closed since
    client = client_for(cast.regisseur)
    url = reverse("cases:group_list")
    client.get(url)  # what a first request reads once (the session, the user's roles)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    html = page.content.decode()
    row = re.search(r"<tr[^>]*>\s*<th[^>]*scope=\"row\">.*?</tr>", html, re.S).group(0)
    cells = re.findall(r'zvhd-numeric">(\d+)</td>', row)
    assert "Jeugdgroep Emmen-Centrum" in row and cells == ["2", "1"]
    assert "<details" in html and '<details class="zvhd-panel zvhd-panel--subtle" open' not in html
    page_queries = len(queries)

    response = client.post(url, {"name": "", "description": "Groep rond het station"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<details class="zvhd-panel zvhd-panel--subtle" open' in html
    assert "Groep rond het station" in html
    # The counts are one grouped query, however many groups there are.
    for n in range(5):
        services.create_group(name=f"Groep {n}", director=cast.regisseur, created_by=cast.regisseur)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == page_queries


def test_the_group_page_lists_its_cases_as_the_case_list_does_and_logs_them(cast, client_for):
    """Seen on 2026-12-07: the group page gave the case numbers and, apart from them, the
    persons; now the case table, with the name only where the reader may open the file."""
    from zvhd.privacy.models import AccessLog

    group = services.create_group(
        name="Jeugdgroep Emmen-Centrum", director=cast.regisseur, created_by=cast.regisseur
    )
    case = running_group_case(cast)
    services.link_to_group(case=case, group=group, linked_by=cast.regisseur)
    url = reverse("cases:group_detail", args=[group.pk])
    page = client_for(cast.regisseur).get(url).content.decode()
    assert case.number in page and case.person.last_name in page
    assert AccessLog.objects.filter(object_id=str(case.pk), user=cast.regisseur).exists()
    page = client_for(cast.begeleider).get(url).content.decode()
    assert case.number in page and case.person.last_name not in page
    assert "afgeschermd" in page


def test_a_group_larger_than_its_page_says_which_part_it_shows(cast, client_for, monkeypatch):
    """The group page shows at most CASES_SHOWN cases; past that it says so in the table's
    caption, with the count of the group's cases the reader may see (it cut them off
    silently before)."""
    from cases.views.groups import GroupDetailView

    monkeypatch.setattr(GroupDetailView, "CASES_SHOWN", 2)
    group = services.create_group(
        name="Jeugdgroep Emmen-Zuid", director=cast.regisseur, created_by=cast.regisseur
    )
    for _ in range(3):
        case = running_group_case(cast)
        services.link_to_group(case=case, group=group, linked_by=cast.regisseur)
    url = reverse("cases:group_detail", args=[group.pk])
    page = client_for(cast.regisseur).get(url).content.decode()
    assert "de eerste 2 van 3" in page
    assert page.count('href="/casussen/') >= 2
    monkeypatch.setattr(GroupDetailView, "CASES_SHOWN", 3)
    page = client_for(cast.regisseur).get(url).content.decode()
    assert "de eerste" not in page
