"""The register behind the apps: one person per BSN, merge with four eyes, split, retention."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.models import Person as CasePerson
from persons import services
from persons.models import MergeStatus, Person
from tests.aftercare.factories import make_record, participate, valid_bsn
from tests.cases.factories import make_case, person_data
from tests.persons.factories import make_person
from tests.trafficking.factories import make_signal

pytestmark = pytest.mark.django_db


def test_two_registrations_with_the_same_bsn_share_one_register_person(cast):
    bsn = valid_bsn()
    one = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=bsn),
    )
    two = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=bsn, last_name="Andersgespeld"),
    )
    assert one.person.registered_person_id == two.person.registered_person_id is not None


def test_the_same_name_and_birth_date_without_bsn_is_the_same_register_person(cast):
    data = {"first_name": "Jan", "last_name": "van der Berg", "birth_date": date(1970, 2, 3)}
    one = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, **data),
    )
    data["last_name"] = "Van der Berg"
    two = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, **data),
    )
    assert one.person.registered_person_id == two.person.registered_person_id


def test_a_case_an_aftercare_record_and_a_signal_of_one_person_point_to_one_register_person(cast):
    bsn = valid_bsn()
    participate(cast.assen, date.today().year)
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=bsn),
    )
    record = make_record(municipality=cast.assen, by=cast.nazorg, bsn=bsn)
    signal = make_signal(by=cast.mensenhandel, organisation=cast.ggz, bsn=bsn)
    ids = {
        case.person.registered_person_id,
        record.registered_person_id,
        signal.registered_person_id,
    }
    assert len(ids) == 1 and None not in ids


def test_an_invalid_bsn_or_a_future_birth_date_is_refused_with_a_dutch_message():
    with pytest.raises(ValidationError) as error:
        services.register_person(last_name="Jansen", birth_date=date(1980, 1, 1), bsn="123456789")
    assert "elfproef" in str(error.value.message_dict["bsn"])
    with pytest.raises(ValidationError) as error:
        services.register_person(last_name="Jansen", birth_date=date(2999, 1, 1))
    assert "toekomst" in str(error.value.message_dict["birth_date"])
    assert not Person.objects.exists()


def _two_cases(cast):
    one = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, last_name="Janssen", birth_date=date(1985, 4, 9)),
    )
    two = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, last_name="Jansen", birth_date=date(1985, 4, 9)),
    )
    return one, two


def test_merge_is_four_eyes_moves_the_records_and_a_split_puts_them_back(cast):
    one, two = _two_cases(cast)
    survivor, merged = one.person.registered_person, two.person.registered_person
    assert survivor != merged
    proposal = services.propose_merge(
        survivor=survivor,
        merged=merged,
        reason="Zelfde adres en telefoon",
        proposed_by=cast.manager,
    )
    with pytest.raises(ValidationError, match="vier ogen"):
        services.approve_merge(proposal=proposal, approved_by=cast.manager)
    services.approve_merge(proposal=proposal, approved_by=cast.beheerder)
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.MERGED
    assert CasePerson.objects.get(pk=two.person.pk).registered_person_id == survivor.pk
    merged.refresh_from_db()
    assert merged.merged_into_id == survivor.pk
    assert survivor.names.filter(last_name="Jansen").exists()  # the other spelling stays findable
    # Both histories are kept: the merged person's rows were changed, not deleted.
    assert merged.history.count() >= 2

    services.split_merge(proposal=proposal, split_by=cast.manager, reason="Toch twee broers")
    proposal.refresh_from_db()
    merged.refresh_from_db()
    assert proposal.status == MergeStatus.SPLIT and proposal.split_reason == "Toch twee broers"
    assert merged.merged_into_id is None
    assert CasePerson.objects.get(pk=two.person.pk).registered_person_id == merged.pk
    assert CasePerson.objects.get(pk=one.person.pk).registered_person_id == survivor.pk
    assert not survivor.names.filter(last_name="Jansen").exists()


def test_a_person_cannot_be_merged_with_themselves(cast):
    person = make_person()
    with pytest.raises(ValidationError, match="zichzelf"):
        services.propose_merge(survivor=person, merged=person, reason="x", proposed_by=cast.manager)


def test_a_merge_into_the_trafficking_register_under_a_hidden_name_is_refused(cast):
    signal = make_signal(by=cast.mensenhandel, organisation=cast.ggz, bsn="")
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(
            cast.assen, first_name="Anna", last_name="Janssen", birth_date=date(1999, 5, 17)
        ),
    )
    with pytest.raises(ValidationError, match="register waarvan u de namen niet mag zien"):
        services.propose_merge(
            survivor=signal.registered_person,
            merged=case.person.registered_person,
            reason="lijkt dezelfde",
            proposed_by=cast.manager,
        )
    assert not signal.registered_person.merged_persons.exists()


def test_a_split_needs_a_reason(cast):
    one, two = _two_cases(cast)
    proposal = services.propose_merge(
        survivor=one.person.registered_person,
        merged=two.person.registered_person,
        reason="zelfde",
        proposed_by=cast.manager,
    )
    services.approve_merge(proposal=proposal, approved_by=cast.beheerder)
    with pytest.raises(ValidationError):
        services.split_merge(proposal=proposal, split_by=cast.manager, reason="  ")


def test_the_register_person_goes_only_when_nothing_of_theirs_remains(cast):
    from aftercare import privacy as aftercare_privacy
    from cases import privacy as case_privacy

    bsn = valid_bsn()
    participate(cast.assen, date.today().year)
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, bsn=bsn),
    )
    record = make_record(municipality=cast.assen, by=cast.nazorg, bsn=bsn)
    register_id = case.person.registered_person_id
    case_privacy.anonymise([case.pk], reason="vernietigd volgens vernietigingslijst 1")
    assert Person.objects.filter(pk=register_id).exists()  # the aftercare record remains
    aftercare_privacy.anonymise([record.pk], reason="vernietigd volgens vernietigingslijst 2")
    assert not Person.objects.filter(pk=register_id).exists()
    assert not Person.history.filter(id=register_id).exists()


def test_household_links_refuse_a_link_to_oneself_and_a_second_link(cast):
    a, b = make_person(last_name="Ouder"), make_person(last_name="Kind")
    services.add_link(person=a, other=b, relation="kind", by=cast.regisseur)
    with pytest.raises(ValidationError, match="al aan elkaar gekoppeld"):
        services.add_link(person=b, other=a, relation="ouder", by=cast.regisseur)
    with pytest.raises(ValidationError, match="zichzelf"):
        services.add_link(person=a, other=a, relation="partner", by=cast.regisseur)


def test_an_import_registers_its_persons_at_once_by_the_same_rule(django_assert_max_num_queries):
    bsn = valid_bsn()
    known = services.register_person(last_name="Bos", birth_date=date(1960, 1, 1), bsn=bsn)
    rows = [
        {"first_name": "Kees", "last_name": "Bos", "birth_date": date(1960, 1, 1), "bsn": bsn},
        {"first_name": "Ria", "last_name": "de Wit", "birth_date": date(1970, 2, 2), "bsn": ""},
        {"first_name": "Ria", "last_name": "De Wit", "birth_date": date(1970, 2, 2), "bsn": ""},
        {"first_name": "", "last_name": "", "birth_date": None, "bsn": ""},
    ]
    with django_assert_max_num_queries(6):
        found = services.register_many(rows)
    assert found[0] == known
    assert found[1].pk and found[1] is found[2]
    assert found[3] is None
    assert Person.history.filter(id=found[1].pk).exists()


def test_the_case_file_shows_a_household_link_only_through_the_door(cast, client_for):
    """The case file asks first whether the person has links at all (the door over both
    persons is only built when one exists, issue 24); a link to a person the reader may not
    see stays hidden, one to a person in the reader's cases is shown."""
    from django.urls import reverse

    from cases.models import Status

    mine = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        person=person_data(cast.assen, first_name="Anna", last_name="Ouder"),
    )
    theirs = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        person=person_data(cast.assen, first_name="Bram", last_name="Kind"),
    )
    url = reverse("cases:case_detail", args=[mine.pk])
    assert "Bram Kind" not in client_for(cast.regisseur).get(url).content.decode()
    services.add_link(
        person=mine.person.registered_person,
        other=theirs.person.registered_person,
        relation="kind",
        by=cast.regisseur,
    )
    # The director of both cases sees the child; the partner, on the first case's team only,
    # sees the case file but not the other person.
    assert "Bram Kind" in client_for(cast.regisseur).get(url).content.decode()
    seen_by_partner = client_for(cast.partner).get(url)
    assert seen_by_partner.status_code == 200
    assert "Bram Kind" not in seen_by_partner.content.decode()
