"""All writes on tables (CONVENTIONS rule 4): keyword-only, one transaction each, history with
the acting user, edits guarded by `claim_version`. Attendance and the decision list PDF are the
meeting kernel's services (`zvhd.meetings.services`), as for the ketenkamer."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import ActionStatus, Case, CaseGroup
from cases.policy import DETAILS
from cases.policy import KETENKAMER as KETENKAMER_POLICY
from tables.models import (
    KETENKAMER,
    AgendaItem,
    ItemKind,
    Meeting,
    Table,
    TableAction,
    TableKind,
)
from zvhd import formats
from zvhd.dates import validate_plausible_date
from zvhd.meetings import services as meetings
from zvhd.network.models import Organisation, Role, User
from zvhd.permissions import VIEW
from zvhd.versions import claim_version

CASE_NOT_VISIBLE = _(
    "Deze casus kunt u niet aan de tafel voorleggen: er is geen casus met dit nummer die u "
    "mag inzien. Controleer het casusnummer."
)


def _plausible(field: str, value) -> None:
    try:
        validate_plausible_date(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def _one_ketenkamer(*, kind: TableKind, table: Table | None = None) -> None:
    """The ketenkamer is one table: its meetings are all the ketenkamers (cases.Ketenkamer).
    A second table of that kind is refused, and so is another kind for it."""
    was_ketenkamer = table is not None and table.pk and table.is_ketenkamer
    if was_ketenkamer and kind.code != KETENKAMER:
        raise ValidationError(
            {"kind": _("De ketenkamer blijft een ketenkamer: de soort van deze tafel ligt vast.")}
        )
    second = kind.code == KETENKAMER and not was_ketenkamer
    if second and Table.objects.filter(kind__code=KETENKAMER).exists():
        raise ValidationError(
            {
                "kind": _(
                    "Er is al een tafel Ketenkamer; wijzig daar de leden. Kies een andere "
                    "soort voor deze tafel."
                )
            }
        )


@transaction.atomic
def create_table(
    *,
    created_by: User,
    name: str,
    kind: TableKind,
    chair: User,
    members=(),
    member_organisations=(),
    description: str = "",
    group: CaseGroup | None = None,
) -> Table:
    _one_ketenkamer(kind=kind)
    table = Table(name=name, kind=kind, chair=chair, description=description, group=group)
    table._history_user = created_by
    table.full_clean()
    table.save()
    table.members.set(members)
    table.member_organisations.set(member_organisations)
    return table


# Who chairs the ketenkamer when it becomes a table: process support, who prepares it and
# keeps its minutes; failing that a process director, failing that the manager.
KETENKAMER_CHAIR_ROLES = (Role.PROCESONDERSTEUNER, Role.PROCESREGISSEUR, Role.MANAGER)
KETENKAMER_TABLE_NAME = "Ketenkamer"


@transaction.atomic
def create_ketenkamer_table(*, created_by: User | None = None) -> Table | None:
    """The ketenkamer as a table, when it has none yet: chaired by process support, with as
    member organisations every organisation of a person who attends the ketenkamer today
    (`cases.policy.KETENKAMER`: the bureau and the liaisons' organisations), so that who sits
    at it is who attended it by role. None when nobody could chair it (a new installation
    without users: the manager then starts it under Tafels). The same rule as the data
    migration tables/0003 (which keeps its own frozen copy)."""
    existing = Table.objects.filter(kind__code=KETENKAMER).first()
    if existing is not None:
        return existing
    people = User.objects.filter(is_active=True)
    chair = next(
        (
            found
            for role in KETENKAMER_CHAIR_ROLES
            if (found := people.filter(groups__name=role).order_by("pk").first()) is not None
        ),
        None,
    )
    if chair is None:
        return None
    organisations = Organisation.objects.filter(
        pk__in=people.filter(groups__name__in=KETENKAMER_POLICY[VIEW]).values("organisation_id")
    )
    return create_table(
        created_by=created_by or chair,
        name=KETENKAMER_TABLE_NAME,
        kind=TableKind.objects.get(code=KETENKAMER),
        chair=chair,
        member_organisations=organisations,
        description=_("Wekelijkse triage van nieuwe aanmeldingen."),
    )


@transaction.atomic
def update_table(
    *,
    table: Table,
    changed_by: User,
    expected_version: int | None,
    name: str,
    kind: TableKind,
    chair: User,
    members=(),
    member_organisations=(),
    description: str = "",
    group: CaseGroup | None = None,
    active: bool = True,
) -> Table:
    _one_ketenkamer(kind=kind, table=table)
    claim_version(table, expected_version=expected_version)
    table.name, table.kind, table.chair = name, kind, chair
    table.description, table.group, table.active = description, group, active
    table._history_user = changed_by
    table.full_clean()
    table.save()
    table.members.set(members)
    table.member_organisations.set(member_organisations)
    return table


@transaction.atomic
def plan_meeting(*, table: Table, date: date, planned_by: User) -> Meeting:
    if table.is_ketenkamer:
        # Its meetings are the ketenkamers, planned where the triage is (cases).
        raise ValidationError(
            {"date": _("Een ketenkamer plant u op de pagina Ketenkamer (onder Casussen).")}
        )
    _plausible("date", date)
    meeting = Meeting(table=table, date=date, created_by=planned_by)
    meeting._history_user = planned_by
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def record_meeting(
    *,
    meeting: Meeting,
    recorded_by: User,
    expected_version: int | None,
    date: date,
    attendees=(),
    other_attendees: str = "",
    notes: str = "",
) -> Meeting:
    """Date, attendance and the minutes of a meeting; a stale save is refused (EditConflict)."""
    _plausible("date", date)
    first_due = (
        TableAction.objects.filter(item__meeting=meeting).order_by("due_on").values("due_on")[:1]
    )
    earliest = first_due[0]["due_on"] if first_due else None
    if earliest is not None and date > earliest:
        raise ValidationError(
            {
                "date": _(
                    "Er is een actie van dit overleg die uiterlijk %(due)s af moet zijn; het "
                    "overleg kan niet later liggen."
                )
                % {"due": formats.short_date(earliest)}
            }
        )
    if date > timezone.localdate() and meeting.items.exclude(decision="").exists():
        # A meeting still to come takes no decisions (`planned`): one that has them was held.
        raise ValidationError(
            {"date": _("Dit overleg heeft al besluiten en kan niet in de toekomst liggen.")}
        )
    return meetings.record_attendance(
        meeting=meeting,
        recorded_by=recorded_by,
        expected_version=expected_version,
        attendees=attendees,
        other_attendees=other_attendees,
        date=date,
        notes=notes,
    )


@transaction.atomic
def add_agenda_item(
    *,
    meeting: Meeting,
    added_by: User,
    kind: str,
    case: Case | None = None,
    group: CaseGroup | None = None,
    subject: str = "",
    bsns: str = "",
) -> AgendaItem:
    """Put a subject on the agenda. A case only when the one adding it may read its file
    (cases.policy "details"): a table never gets a case through someone who may not see it."""
    if kind == ItemKind.CASE:
        if case is None or not (
            Case.objects.visible_to(added_by, DETAILS).filter(pk=case.pk).exists()
        ):
            raise ValidationError({"case_number": CASE_NOT_VISIBLE})
        group, subject, bsns = None, "", ""
    elif kind == ItemKind.GROUP:
        if group is None or not CaseGroup.objects.visible_to(added_by).filter(pk=group.pk).exists():
            raise ValidationError({"group": _("Kies een groep die u mag inzien.")})
        case, subject, bsns = None, "", ""
    elif kind in (ItemKind.PERSON, ItemKind.HOUSEHOLD):
        if not subject.strip():
            raise ValidationError({"subject": _("Geef aan wie er besproken wordt.")})
        case = group = None
    else:
        raise ValidationError({"kind": _("Kies wat er op de agenda komt.")})
    last = meeting.items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(
        meeting=meeting,
        kind=kind,
        case=case,
        group=group,
        subject=subject.strip(),
        bsns=" ".join(bsns.replace(",", " ").split()),
        position=(last or 0) + 1,
        added_by=added_by,
    )
    item._history_user = added_by
    item.full_clean()
    item.save()
    return item


def meeting_not_held_message(meeting: Meeting) -> str:
    """Why no decision can be recorded for a meeting of a table that has not met yet."""
    return _(
        "Het overleg van %(date)s is nog niet geweest. Leg de besluiten vast op of na de dag "
        "van het overleg."
    ) % {"date": formats.long_date(meeting.date)}


@transaction.atomic
def record_decision(
    *,
    item: AgendaItem,
    decided_by: User,
    expected_version: int | None,
    decision: str,
    action: str = "",
    owner: User | None = None,
    owner_organisation: Organisation | None = None,
    due_on: date | None = None,
) -> AgendaItem:
    """The table's decision on one item and, when agreed, the action it creates.

    An action on a case item is the case's own action as well (`cases.services.add_action`),
    so the case file and its reminders show it to the case's team.
    """
    from cases import services as case_services

    if item.meeting.planned:
        raise ValidationError(meeting_not_held_message(item.meeting))
    errors: dict[str, list[str]] = {}
    if not decision.strip():
        errors.setdefault("decision", []).append(_("Vul het besluit in."))
    if action.strip():
        if owner_organisation is None:
            owner_organisation = owner.organisation if owner and owner.organisation_id else None
        if owner_organisation is None:
            errors.setdefault("owner_organisation", []).append(
                _("Kies de organisatie die de actie uitvoert.")
            )
        if due_on is None:
            errors.setdefault("due_on", []).append(_("Vul in wanneer de actie af moet zijn."))
        else:
            try:
                validate_plausible_date(due_on)
            except ValidationError as error:
                errors.setdefault("due_on", []).extend(error.messages)
            else:
                if due_on < item.meeting.date:
                    errors.setdefault("due_on", []).append(
                        _("De actie kan niet vóór het overleg van %(day)s af moeten zijn.")
                        % {"day": formats.short_date(item.meeting.date)}
                    )
    if errors:
        raise ValidationError(errors)
    claim_version(item, expected_version=expected_version)
    item.decision = decision.strip()
    item.decided_by = decided_by
    item._history_user = decided_by
    item.full_clean()
    item.save()
    if action.strip():
        case_action = None
        if item.case_id:
            case_action = case_services.add_action(
                case=item.case,
                added_by=decided_by,
                description=action.strip(),
                owner_organisation=owner_organisation,
                owner=owner,
                due_on=due_on,
            )
        table_action = TableAction(
            item=item,
            description=action.strip(),
            owner=owner,
            owner_organisation=owner_organisation,
            due_on=due_on,
            case_action=case_action,
            created_by=decided_by,
        )
        table_action._history_user = decided_by
        table_action.full_clean()
        table_action.save()
        _notify_owner(table_action, case_action=case_action, actor=decided_by)
    return item


def _notify_owner(action: TableAction, *, case_action, actor: User) -> None:
    """Tell the owner (or else the owning organisation's people) of a new table action.

    `notify` keeps those who may see it (`TableActionQuerySet.visible_to`: the owner always).
    Whoever the case's own action already told (`cases.services.add_action`, on a case item)
    is not told twice; an owner outside the case team is told here, since the table action
    is theirs to do even when they may not open the case.
    """
    from django.contrib.contenttypes.models import ContentType

    from inbox import kinds, recipients
    from inbox.models import Notification
    from inbox.services import notify

    people = (
        recipients.people(action.owner)
        if action.owner_id
        else recipients.of_organisation(action.owner_organisation)
    )
    if case_action is not None:
        told = set(
            Notification.objects.filter(
                kind=kinds.ACTION_ASSIGNED,
                target_type=ContentType.objects.get_for_model(case_action),
                target_id=case_action.pk,
            ).values_list("recipient_id", flat=True)
        )
        people = [user for user in people if user.pk not in told]
    notify(kinds.TABLE_ACTION_ASSIGNED, people, target=action, actor=actor)


@transaction.atomic
def set_action_status(*, action: TableAction, changed_by: User, status: str) -> TableAction:
    """The owner reports progress; the case's own action (if any) follows."""
    from cases import services as case_services

    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    action.status = status
    action._history_user = changed_by
    action.save()
    if action.case_action_id:
        case_services.set_action_status(
            action=action.case_action, changed_by=changed_by, status=status
        )
    return action


@transaction.atomic
def save_kind(
    *,
    saved_by: User,
    kind: TableKind | None = None,
    code: str,
    label: str,
    description: str = "",
    shows_other_registrations: bool = False,
    order: int = 0,
    active: bool = True,
) -> TableKind:
    """Add or change a kind of table (the functioneel beheerder's list)."""
    kind = kind or TableKind()
    if TableKind.objects.filter(code=code).exclude(pk=kind.pk).exists():
        raise ValidationError({"code": _("Er is al een soort tafel met deze code.")})
    if kind.pk and kind.code == KETENKAMER and code != KETENKAMER:
        # The ketenkamer's door finds its table by this code (tables.models.KETENKAMER).
        raise ValidationError(
            {"code": _("De code van de ketenkamer ligt vast; de naam kunt u wijzigen.")}
        )
    kind.code, kind.label, kind.description = code, label, description
    kind.shows_other_registrations, kind.order, kind.active = (
        shows_other_registrations,
        order,
        active,
    )
    kind.full_clean()
    kind.save()
    return kind
