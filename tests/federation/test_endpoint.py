"""The federation endpoint: another house asks, we answer yes/no and a contact point, logged."""

from datetime import date

import pytest
from django.test import override_settings

from api.services import revoke_client
from federation import services
from federation.index import rebuild_key
from federation.models import Direction, IndexEntry, Outcome, Query
from tests.aftercare.factories import make_record, participate
from tests.api.factories import make_client
from tests.cases.factories import make_case, person_data
from tests.federation.factories import (
    KNOWN_BSN,
    OTHER_BSN,
    SHARED_KEY,
    make_house,
    make_key,
    make_peer,
    question,
    subject,
)
from tests.trafficking.factories import make_signal

pytestmark = pytest.mark.django_db

URL = "/api/v1/federatie/vraag/"


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def setup(cast):
    house = make_house(cast.beheerder)
    key = make_key(cast.beheerder)
    peer, token = make_peer(cast.beheerder)
    return house, key, peer, token


def ask(client, token, data, **headers):
    return client.post(URL, data, content_type="application/json", **auth(token), **headers)


def test_a_peer_learns_that_a_person_with_a_case_is_known_and_whom_to_contact(
    client, cast, setup, django_assert_max_num_queries
):
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    _house, _key, peer, token = setup
    data = question()
    with django_assert_max_num_queries(12):
        response = ask(client, token, data)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body == {
        "protocol": "zvh-federatie/1",
        "request_id": data["request_id"],
        "house": "zvh-drenthe",
        "known": True,
        "contact": {
            "role": "Procesregie, dienstdoend",
            "email": "procesregie@zvhdrenthe.example",
            "phone": "0592 123 456",
        },
    }
    assert "Testpersoon" not in response.content.decode()
    logged = Query.objects.get()
    assert logged.direction == Direction.INCOMING
    assert logged.peer == peer
    assert logged.outcome == Outcome.KNOWN
    assert logged.purpose == "Intake van een aanmelding"
    assert logged.asked_by_text == "P. Regisseur (procesregisseur)"
    assert str(logged.request_id) == data["request_id"]
    assert logged.digest == data["subject"]


def test_a_person_nobody_registered_is_not_known(client, setup):
    *_rest, token = setup
    response = ask(client, token, question(OTHER_BSN))
    assert response.status_code == 200
    assert response.json()["known"] is False
    assert Query.objects.get().outcome == Outcome.UNKNOWN


def test_an_aftercare_record_counts_as_known(client, cast, setup):
    participate(cast.assen, 2025, 2026)
    make_record(municipality=cast.assen, by=cast.nazorg, bsn=KNOWN_BSN)
    *_rest, token = setup
    assert ask(client, token, question()).json()["known"] is True


def test_the_trafficking_register_answers_only_when_the_house_says_so(client, cast, setup):
    house, *_rest, token = setup
    make_signal(by=cast.mensenhandel, organisation=cast.politie, bsn=KNOWN_BSN)
    assert ask(client, token, question()).json()["known"] is False
    house.answer_from_trafficking = True
    services.save_house(house=house, changed_by=cast.beheerder)
    assert ask(client, token, question()).json()["known"] is True


def test_the_index_follows_a_changed_bsn_in_the_register(client, cast, setup):
    *_rest, token = setup
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    person = case.person.registered_person
    person.bsn = OTHER_BSN
    person.save()
    assert ask(client, token, question()).json()["known"] is False
    assert ask(client, token, question(OTHER_BSN)).json()["known"] is True
    assert IndexEntry.objects.filter(source="persons.person", source_id=person.pk).count() == 1


def test_the_index_holds_the_register_persons_not_the_app_records(cast, setup):
    """One place knows who is known: a case, an aftercare record and a signal of one person
    are one register person, so one entry per key."""
    participate(cast.assen, date.today().year)
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    make_record(municipality=cast.assen, by=cast.nazorg, bsn=KNOWN_BSN)
    make_signal(by=cast.mensenhandel, organisation=cast.politie, bsn=KNOWN_BSN)
    entry = IndexEntry.objects.get()
    assert (entry.source, entry.source_id) == ("persons.person", case.person.registered_person_id)


def test_a_stale_index_entry_never_answers_yes(client, cast, setup):
    """A BSN blanked with .update() skips the signal."""
    *_rest, token = setup
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    person = case.person.registered_person
    type(person).objects.filter(pk=person.pk).update(bsn="")
    assert IndexEntry.objects.filter(source_id=person.pk).exists()
    assert ask(client, token, question()).json()["known"] is False


def test_a_trafficking_signal_of_a_person_with_a_case_does_not_hide_the_case(client, cast, setup):
    """The trafficking register stays out of the answer, the case of the same person not."""
    *_rest, token = setup
    make_signal(by=cast.mensenhandel, organisation=cast.politie, bsn=KNOWN_BSN)
    assert ask(client, token, question()).json()["known"] is False
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    assert ask(client, token, question()).json()["known"] is True


def test_a_destroyed_record_no_longer_counts(client, cast, setup):
    from aftercare import privacy

    *_rest, token = setup
    participate(cast.assen, date.today().year)
    record = make_record(municipality=cast.assen, by=cast.nazorg, bsn=KNOWN_BSN)
    assert ask(client, token, question()).json()["known"] is True
    privacy.anonymise([record.pk], reason="Bewaartermijn verstreken")
    assert ask(client, token, question()).json()["known"] is False
    assert not IndexEntry.objects.exists()


def test_a_merged_person_is_answered_once_and_a_split_one_again_on_their_own(client, cast, setup):
    """Merged: one register person holds the BSN and one entry answers. Split: the merged
    person has their own BSN and records back, the survivor neither."""
    from persons import services as persons_services

    *_rest, token = setup
    participate(cast.assen, date.today().year)
    record = make_record(
        municipality=cast.assen, by=cast.nazorg, bsn=KNOWN_BSN, last_name="Janssen"
    )
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(
            cast.assen, first_name=record.first_names, last_name="Jansen",
            birth_date=record.birth_date,
        ),
    )  # fmt: skip
    survivor, merged = case.person.registered_person, record.registered_person
    assert survivor.bsn == "" and merged.bsn == KNOWN_BSN
    proposal = persons_services.propose_merge(
        survivor=survivor, merged=merged, reason="Zelfde persoon", proposed_by=cast.manager
    )
    persons_services.approve_merge(proposal=proposal, approved_by=cast.beheerder)
    entries = IndexEntry.objects.filter(digest=subject(KNOWN_BSN))
    assert list(entries.values_list("source_id", flat=True)) == [survivor.pk]
    assert ask(client, token, question()).json()["known"] is True

    persons_services.split_merge(proposal=proposal, split_by=cast.manager, reason="Twee mensen")
    assert list(entries.values_list("source_id", flat=True)) == [merged.pk]
    assert ask(client, token, question()).json()["known"] is True
    # The BSN answers through the aftercare record alone: gone with it, not known any more.
    from aftercare import privacy

    privacy.anonymise([record.pk], reason="Bewaartermijn verstreken")
    assert ask(client, token, question()).json()["known"] is False


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ("{niet json", "detail", "geen geldige JSON"),
        ('["een lijst"]', "detail", "JSON-object"),
        ({"subject": "abc"}, "subject", "64 kleine hexadecimale"),
        ({"purpose": ""}, "purpose", "Het doel is verplicht"),
        ({"purpose": "x" * 301}, "purpose", "te lang"),
        ({"asked_by": None}, "asked_by", "Wie vraagt is verplicht"),
        ({"request_id": "1"}, "request_id", "UUID"),
        ({"protocol": "v2"}, "protocol", "zvh-federatie/1"),
        ({"naam": "Jansen"}, "detail", "Onbekende velden: naam"),
    ],
)
def test_a_malformed_question_gets_a_dutch_400_and_is_logged(client, setup, body, field, words):
    *_rest, token = setup
    if isinstance(body, dict):
        body = {**question(), **body}
    response = ask(client, token, body)
    assert response.status_code == 400
    payload = response.json()
    text = payload["detail"] if field == "detail" else payload["fields"][field]
    assert words in text
    if not (isinstance(body, str) and body.startswith("{niet")):
        assert Query.objects.get().outcome == Outcome.REFUSED


def test_an_unknown_token_is_a_401_and_counts_as_a_failed_login(client, setup):
    response = ask(client, "onbekend.geheim", question())
    assert response.status_code == 401
    assert "sleutel" in response.json()["detail"]


def test_a_revoked_peer_client_is_refused(client, cast, setup):
    _house, _key, peer, token = setup
    revoke_client(client=peer.client, revoked_by=cast.beheerder, reason="Gestopt")
    assert ask(client, token, question()).status_code == 401


def test_a_partner_client_and_a_zvh_client_without_peer_are_refused(client, cast, setup):
    _client, partner_token = make_client(organisation=cast.ggz, created_by=cast.beheerder)
    assert ask(client, partner_token, question()).status_code == 403
    from api.models import Scope
    from tests.factories import OrganisationFactory
    from zvhd.network.models import OrganisationKind

    other = OrganisationFactory(name="Zorg- en Veiligheidshuis Fryslân", kind=OrganisationKind.ZVH)
    _client, loose_token = make_client(
        organisation=other, created_by=cast.beheerder, scopes=[Scope.FEDERATION_ASK]
    )
    response = ask(client, loose_token, question())
    assert response.status_code == 403
    assert "gekoppeld" in response.json()["detail"]


def test_an_unknown_key_id_says_which_keys_are_accepted(client, setup):
    *_rest, token = setup
    response = ask(client, token, question(key_id="2020-1"))
    assert response.status_code == 422
    assert response.json()["accepted_key_ids"] == ["2026-1"]
    assert Query.objects.get().outcome == Outcome.REFUSED


def test_a_wrong_key_gives_no_false_yes(client, cast, setup):
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    *_rest, token = setup
    wrong = subject(KNOWN_BSN, key="Z" * 43 + "=")
    assert ask(client, token, question(subject=wrong)).json()["known"] is False


def test_after_a_rotation_the_previous_key_is_accepted_and_the_one_before_is_not(
    client, cast, setup
):
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    *_rest, token = setup
    second = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY="
    make_key(cast.beheerder, key_id="2026-2", secret=second)
    assert ask(client, token, question(key_id="2026-1")).json()["known"] is True
    new = question(key_id="2026-2", subject=subject(KNOWN_BSN, key=second))
    assert ask(client, token, new).json()["known"] is True
    make_key(cast.beheerder, key_id="2027-1", secret="Y" * 43 + "=")
    assert ask(client, token, question(key_id="2026-1")).status_code == 422
    assert ask(client, token, new).json()["known"] is True


def test_a_house_that_does_not_answer_says_so(client, cast, setup):
    house, *_rest, token = setup
    house.answering = False
    services.save_house(house=house, changed_by=cast.beheerder)
    response = ask(client, token, question())
    assert response.status_code == 503
    assert "geen vragen" in response.json()["detail"]


@override_settings(FEDERATION_RATE="3/min")
def test_a_peer_is_rate_limited(client, setup):
    *_rest, token = setup
    answers = [ask(client, token, question()) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["detail"].startswith("Te veel vragen van dit huis.")
    assert int(answers[-1]["Retry-After"]) > 0


def test_a_rebuild_after_a_new_key_indexes_every_source(cast, setup):
    _house, key, *_rest = setup
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )
    IndexEntry.objects.all().delete()
    assert rebuild_key(key) == 1
    assert IndexEntry.objects.get().digest == subject(KNOWN_BSN, SHARED_KEY)


def test_the_federation_log_is_kept_as_long_as_the_access_log(cast):
    from datetime import timedelta

    from django.utils import timezone

    from federation.tasks import purge_log

    old = Query.objects.create(direction="in", peer_name="Huis", purpose="Oud", outcome="bekend")
    new = Query.objects.create(direction="in", peer_name="Huis", purpose="Nieuw", outcome="bekend")
    Query.objects.filter(pk=old.pk).update(asked_at=timezone.now() - timedelta(days=6 * 365))
    assert purge_log() == 1
    assert list(Query.objects.all()) == [new]


def test_a_new_key_is_indexed_even_when_the_broker_is_down(cast, monkeypatch):
    from federation import tasks

    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=KNOWN_BSN),
    )

    def down(*args, **kwargs):
        raise OSError("broker weg")

    monkeypatch.setattr(tasks.rebuild_index, "delay", down)
    key, _made = services.add_key(key_id="2028-1", secret=SHARED_KEY, created_by=cast.beheerder)
    services._enqueue_rebuild(key.pk)
    key.refresh_from_db()
    assert key.indexed_count == 1
