"""A notification never shows more than its reader may see now (inbox.display)."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import Status
from inbox import kinds
from inbox.models import Notification
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast):
    # Registered by VNN: GGZ's `partner` sees it only while on the team.
    return make_case(
        registered_by=cast.partner_other,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        decided_by=cast.manager,
    )


def test_a_team_member_sees_the_case_number_and_a_link_to_it(cast, case, client_for):
    services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    page = client_for(cast.partner).get(reverse("inbox:list")).content.decode()
    n = Notification.objects.get(recipient=cast.partner, kind=kinds.TEAM_ADDED)
    assert case.number in page
    assert "U bent toegevoegd aan het casusteam" in page
    assert f'href="{reverse("inbox:open", args=[n.pk])}"' in page


def test_after_leaving_the_team_the_notification_shows_no_details_and_no_link(
    cast, case, client_for
):
    member = services.add_team_member(
        case=case, user=cast.partner, task="", added_by=cast.regisseur
    )
    n = Notification.objects.get(recipient=cast.partner, kind=kinds.TEAM_ADDED)
    services.remove_team_member(member=member, removed_by=cast.regisseur)
    client = client_for(cast.partner)
    page = client.get(reverse("inbox:list")).content.decode()
    assert case.number not in page
    assert "U bent toegevoegd aan het casusteam" not in page
    assert "niet (meer) kunt inzien" in page
    assert f'href="{reverse("inbox:open", args=[n.pk])}"' not in page
    assert f"/casussen/{case.pk}/" not in page
    # Opening it anyway (the e-mail's link) lands in the inbox, never on a 404.
    opened = client.get(reverse("inbox:open", args=[n.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("inbox:list")


def test_a_record_out_of_reach_leaves_only_the_case_summary(cast, client_for):
    """An action of GGZ assigned to its owner; once the owner leaves the team and only sees
    the summary as the registering organisation, the line names the case, not the action."""
    from datetime import timedelta

    from django.utils import timezone

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        decided_by=cast.manager,
    )
    member = services.add_team_member(
        case=case, user=cast.partner, task="", added_by=cast.regisseur
    )
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Huisbezoek",
        owner_organisation=cast.ggz,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=9),
    )
    services.remove_team_member(member=member, removed_by=cast.regisseur)
    page = client_for(cast.partner).get(reverse("inbox:list")).content.decode()
    assert "Melding over deze casus" in page
    assert case.number in page  # the registering organisation still sees the summary
    assert reverse("cases:case_plan", args=[case.pk]) not in page
    n = Notification.objects.get(recipient=cast.partner, kind=kinds.ACTION_ASSIGNED)
    opened = client_for(cast.partner).get(reverse("inbox:open", args=[n.pk]))
    assert opened["Location"] == reverse("cases:case_detail", args=[case.pk])
    assert client_for(cast.partner).get(opened["Location"]).status_code == 200


def test_opening_a_notification_marks_it_read_and_goes_to_the_record(cast, case, client_for):
    services.escalate_case(
        case=case, escalated_by=cast.regisseur, level="management", reason="r", escalated_to="M"
    )
    n = Notification.objects.get(recipient=cast.manager, kind=kinds.ESCALATION)
    client = client_for(cast.manager)
    opened = client.get(reverse("inbox:open", args=[n.pk]))
    assert opened["Location"] == reverse("cases:case_detail", args=[case.pk])
    assert client.get(opened["Location"]).status_code == 200
    n.refresh_from_db()
    assert n.read_at is not None


def test_a_journal_entry_is_checked_through_its_case_and_its_own_audience(cast, case):
    """The check of a page's journal entries starts from the notifications' cases (issue 24):
    narrowing, never widening - the audience and the case's door still decide."""
    from django.utils import timezone

    from casefile import services as casefile_services
    from casefile.audience import Audience
    from casefile.models import JournalEntry
    from inbox import display

    services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    kind = JournalEntry._meta.get_field("kind").choices[0][0]

    def entry(audience):
        return casefile_services.add_journal_entry(
            case=case,
            author=cast.regisseur,
            kind=kind,
            occurred_at=timezone.now(),
            text="Gesprek gevoerd",
            audience=audience,
        )

    team, bureau = entry(Audience.TEAM), entry(Audience.BUREAU)
    other = make_case(registered_by=cast.partner_other, municipality=cast.assen)

    def notification(target, about):
        return Notification(
            recipient=cast.partner, kind=kinds.JOURNAL_ENTRY, case=about, target=target
        )

    type_id = notification(team, case).target_type_id
    seen = display.visible_targets(
        cast.partner, [notification(team, case), notification(bureau, case)]
    )
    assert seen == {(type_id, team.pk)}
    # A notification naming another case than its entry's finds nothing to show.
    assert display.visible_targets(cast.partner, [notification(team, other)]) == set()
    # The director reads both.
    both = [
        Notification(recipient=cast.regisseur, kind=kinds.JOURNAL_ENTRY, case=case, target=e)
        for e in (team, bureau)
    ]
    assert display.visible_targets(cast.regisseur, both) == {
        (type_id, team.pk),
        (type_id, bureau.pk),
    }
