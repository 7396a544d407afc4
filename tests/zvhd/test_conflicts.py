"""No lost updates in the house: the beheer forms (users, organisations), the retention terms,
and the mechanism itself (zvhd.versions; the shared scenario is tests/conflicts.py)."""

import pytest
from django.urls import reverse

from tests.conflicts import CONFLICT, two_editors
from tests.factories import OrganisationFactory, UserFactory
from zvhd.network.models import Role
from zvhd.privacy.models import RetentionKind, RetentionPolicy
from zvhd.versions import EditConflict, changes_since, claim_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_admin(cast):
    return UserFactory(username="beheerder2", roles=[Role.FUNCTIONEEL_BEHEERDER])


def test_a_second_editor_of_an_organisation_sees_the_change_and_loses_nothing(
    cast, second_admin, client_for
):
    organisation = OrganisationFactory(name="Wijkteam Assen-Oost")
    two_editors(
        client_for,
        url=reverse("network:organisation_update", args=[organisation.pk]),
        first=cast.beheerder,
        second=second_admin,
        record=organisation,
        field="short_name",
        first_value="WT Oost",
        second_value="Wijkteam O",
    )


def test_a_second_editor_of_an_account_sees_the_change_and_loses_nothing(
    cast, second_admin, client_for
):
    two_editors(
        client_for,
        url=reverse("network:user_update", args=[cast.partner.pk]),
        first=cast.beheerder,
        second=second_admin,
        record=cast.partner,
        field="last_name",
        first_value="de Vries-Bakker",
        second_value="Bakker",
    )


def test_a_second_editor_of_a_retention_term_sees_the_change_and_loses_nothing(cast, client_for):
    from zvhd.privacy import services

    policy = RetentionPolicy.objects.get(kind=RetentionKind.AFTERCARE)
    # The terms come from a data migration, without a history row; the first change makes one.
    services.update_retention_policy(
        policy=policy, years=policy.years, rationale=policy.rationale, updated_by=cast.privacy
    )
    second_officer = UserFactory(username="privacy2", roles=[Role.PRIVACY_OFFICER])
    two_editors(
        client_for,
        url=reverse("privacy:retention_term_edit", args=[policy.pk]),
        first=cast.privacy,
        second=second_officer,
        record=policy,
        field="rationale",
        first_value="Recidivecijfers na vijf jaar (WODC).",
        second_value="Advies van de functionaris gegevensbescherming.",
    )


def test_a_record_without_history_compares_the_stored_version_with_the_input(cast):
    policy = RetentionPolicy.objects.get(kind=RetentionKind.CASE_PGA)
    policy.rationale = "Nu opgeslagen"
    policy.version = 2
    policy.save()  # a save that the history does not know the opened version of
    policy.history.filter(version=1).delete()
    changes = changes_since(
        policy, 1, fields=["rationale", "years"], submitted={"rationale": "Mijn invoer"}
    )
    assert not changes.known
    assert [(c.label, c.old, c.new) for c in changes.changes] == [
        ("Onderbouwing", "Mijn invoer", "Nu opgeslagen")
    ]


def test_a_stale_save_is_refused_in_the_service_with_a_dutch_message(cast):
    organisation = OrganisationFactory(name="GGD Drenthe")
    claim_version(organisation, expected_version=1)  # moves the copy to version 2
    organisation.save()
    stale = OrganisationFactory._meta.model.objects.get(pk=organisation.pk)
    with pytest.raises(EditConflict) as refused:
        claim_version(stale, expected_version=1)
    assert CONFLICT in " ".join(refused.value.messages)
    assert refused.value.current.version == 2
