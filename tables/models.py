"""Thematic tables (issue 20, part 6): one engine for every kind of table.

A table (*casustafel stalking*, *experttafel onbegrepen gedrag*, *routeeroverleg*, *jeugdgroep*,
*TVO*, the *ketenkamer*, ...) has a kind (reference data the functioneel beheerder keeps), a
chair, member people and member organisations. Its meetings have an agenda of cases, persons,
households or groups; per item the table records a decision and the actions it creates (owner,
due date). Date, attendance and the decision list PDF of a meeting are the meeting kernel's
(`zvhd.meetings`), shared with the ketenkamer's meetings.

The ketenkamer is one table of the kind "ketenkamer" (there is one: `KETENKAMER`). Its
meetings are `cases.Ketenkamer` rows, not `Meeting`s: the triage decisions (cases) point at
them and cases may not import this app. The table says who sits at the ketenkamer; the
ketenkamer's door asks it (`sits_at_ketenkamer`, registered with `cases.extensions`).

Who sees what is decided in one place, `TableQuerySet.visible_to`: the members (people, or
people of a member organisation) and the chair see the table and everything under it; the
manager sees every table; nobody else sees any. At the ketenkamer one's role counts as well
(`cases.policy.KETENKAMER`: it is the triage queue's table), so a partner professional of a
member organisation does not sit at it. A case on the agenda is shown only at the level the
member may see that case (`cases.policy`, read through `Case.objects.visible_to`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import LONG_TEXT, Action, ActionStatus, Case, CaseGroup
from cases.policy import ketenkamer_allowed
from zvhd import formats
from zvhd.meetings.models import DECISION_LIST_JOB_FIELDS, DecisionListMeeting
from zvhd.network.models import Organisation, Role
from zvhd.permissions import ADD, CHANGE, VIEW, GuardedQuerySet, ScopedChildQuerySet
from zvhd.versions import Versioned

# Who may start a new table: the bureau people who chair tables or support them.
CREATE_ROLES = frozenset({Role.MANAGER, Role.PROCESREGISSEUR, Role.PROCESONDERSTEUNER})
# Who keeps the list of kinds (reference data).
CONFIGURE_ROLES = frozenset({Role.FUNCTIONEEL_BEHEERDER})
# A personal member with one of these roles prepares and records meetings beside the chair
# ("het voorzitten en de procesondersteuning van de tafels", plan 2025).
SUPPORT_ROLES = frozenset({Role.PROCESREGISSEUR, Role.PROCESONDERSTEUNER})
# The owner of an action (or their organisation) may set its status.
UPDATE_STATUS = "update_status"
# The code of the kind of the one table whose meetings are the ketenkamers (cases.Ketenkamer).
KETENKAMER = "ketenkamer"

# An action still to be done (the rest is finished or cancelled): the list shows these first.
OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class TableKind(models.Model):
    """A kind of table; rows from `tables.reference_data`, kept by the functioneel beheerder."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label = models.CharField(_("naam"), max_length=200)
    description = models.CharField(_("omschrijving"), max_length=500, blank=True)
    # The routeeroverleg asks, for a person or household on its agenda, whether there are
    # other registrations ("belang te weten of meerdere aanmeldingen van een persoon/systeem
    # zijn", seed 003).
    shows_other_registrations = models.BooleanField(
        _("toont andere aanmeldingen van een persoon of huishouden"), default=False
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order", "label"]
        verbose_name = _("soort tafel")
        verbose_name_plural = _("soorten tafels")

    def __str__(self):
        return self.label


def membership_filter(user, prefix: str = "") -> models.Q | None:
    """The tables `user` is a member of (person, chair or member organisation); None: none."""
    if not user.is_authenticated or not user.is_active:
        return None
    condition = models.Q(**{f"{prefix}chair_id": user.pk})
    members = Table.members.through.objects.filter(user_id=user.pk).values("table_id")
    condition |= models.Q(**{f"{prefix}pk__in": members})
    if user.organisation_id:
        organisations = Table.member_organisations.through.objects.filter(
            organisation_id=user.organisation_id
        ).values("table_id")
        condition |= models.Q(**{f"{prefix}pk__in": organisations})
    return condition


class TableQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """The one door to tables (and, through `ScopedChildQuerySet`, all under them).

        - view:   the manager every table; others the tables they chair or are a member of,
                  personally or through their organisation;
        - change: prepare the agenda, record attendance, decisions, actions, the PDF: the
                  chair, the manager, and a personal member who is process director or support;
        - add:    start a table at all (no row yet): CREATE_ROLES.
        The ketenkamer's table, for view and change, only to whom the role allows it as well.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if action == ADD:
            return self if user.has_role(*CREATE_ROLES) else self.none()
        if user.has_role(Role.MANAGER):
            return self
        if action == VIEW:
            condition = membership_filter(user)
            tables = self.filter(condition) if condition is not None else self.none()
        elif action == CHANGE:
            condition = models.Q(chair_id=user.pk)
            if user.has_role(*SUPPORT_ROLES):
                members = Table.members.through.objects.filter(user_id=user.pk)
                condition |= models.Q(pk__in=members.values("table_id"))
            tables = self.filter(condition)
        else:
            return self.none()
        # The ketenkamer is the triage queue's table: a member without a role that attends
        # it (cases.policy.KETENKAMER) does not sit at it, as before it was a table.
        if not ketenkamer_allowed(user, action):
            tables = tables.exclude(kind__code=KETENKAMER)
        return tables

    def for_list(self):
        # The meetings counted per table shown, through the meetings' table index: a join and
        # GROUP BY read every meeting of every table the reader sees, and the page's count
        # too (issue 24: 25,000 meetings, 25 + 5 ms at 1M).
        meetings = (
            Meeting.objects.filter(table=models.OuterRef("pk"))
            .order_by()
            .values("table")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        # The next meeting (today's included), through the same index read backwards.
        upcoming = (
            Meeting.objects.filter(table=models.OuterRef("pk"), date__gte=timezone.localdate())
            .order_by("date")
            .values("date")[:1]
        )
        return (
            self.select_related("kind", "chair", "group")
            .annotate(
                meeting_count=Coalesce(models.Subquery(meetings), 0),
                next_meeting=models.Subquery(upcoming),
            )
            # Tables that still meet first (issue 23: open work first), then by kind and name.
            .order_by("-active", "kind__order", "name", "pk")
        )

    def for_detail(self):
        return self.select_related("kind", "chair", "group").prefetch_related(
            "members", "member_organisations"
        )


def sits_at_ketenkamer(user) -> bool:
    """Whether `user` sits at the ketenkamer: a member of the ketenkamer's table (personally,
    as its chair or through their organisation) with a role that attends it, or the manager
    (as at every table). The ketenkamer's door (cases) asks this: `cases.extensions`."""
    return Table.objects.visible_to(user, VIEW).filter(kind__code=KETENKAMER).exists()


class Table(Versioned, models.Model):
    name = models.CharField(_("naam"), max_length=200)
    kind = models.ForeignKey(
        TableKind, verbose_name=_("soort"), on_delete=models.PROTECT, related_name="tables"
    )
    description = models.TextField(
        _("omschrijving"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        on_delete=models.PROTECT,
        related_name="chaired_tables",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leden"),
        blank=True,
        related_name="tables",
    )
    member_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("deelnemende organisaties"), blank=True, related_name="+"
    )
    # A table of the group approach: its meetings and actions are the group's.
    group = models.ForeignKey(
        CaseGroup,
        verbose_name=_("groepsaanpak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tables",
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[members, member_organisations])
    objects = TableQuerySet.as_manager()

    class Meta:
        ordering = ["kind__order", "name"]
        verbose_name = _("tafel")
        verbose_name_plural = _("tafels")

    def __str__(self):
        return self.name

    @property
    def is_ketenkamer(self) -> bool:
        """The ketenkamer's table: its meetings are the ketenkamers (cases.Ketenkamer)."""
        return self.kind.code == KETENKAMER


class MeetingQuerySet(ScopedChildQuerySet):
    parent_path = "table"

    def for_detail(self):
        return self.select_related("table", "table__kind", "table__chair").prefetch_related(
            "attendees"
        )


class Meeting(Versioned, DecisionListMeeting):
    """A meeting of a table: the meeting kernel's date, attendance and decision list PDF
    (`zvhd.meetings`, the same as the ketenkamer's), with the table's agenda and minutes."""

    decision_list_folder = "tafels"
    decision_list_task = "tables.tasks.render_decision_list"
    decision_list_template = "tables/pdf/decision_list.html"

    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="meetings")
    notes = models.TextField(_("verslag"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=["attendees"], excluded_fields=DECISION_LIST_JOB_FIELDS)
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("tafeloverleg")
        verbose_name_plural = _("tafeloverleggen")
        indexes = [models.Index(fields=["table", "-date"], name="table_meeting_date")]

    def __str__(self):
        return f"{self.table} {formats.short_date(self.date)}"

    def decision_list_view(self):
        from tables.viewmodels import decision_list

        return decision_list(self)

    def decision_list_filename(self) -> str:
        return f"besluitenlijst-{self.table.kind.code}-{self.date.isoformat()}.pdf"


class ItemKind(models.TextChoices):
    CASE = "casus", _("Casus")
    PERSON = "persoon", _("Persoon")
    HOUSEHOLD = "huishouden", _("Huishouden")
    GROUP = "groep", _("Groep")


class AgendaItemQuerySet(ScopedChildQuerySet):
    parent_path = "meeting__table"


class AgendaItem(Versioned, models.Model):
    """One subject on a meeting's agenda: a case, a person, a household or a group."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort"), max_length=10, choices=ItemKind.choices)
    case = models.ForeignKey(
        Case,
        verbose_name=_("casus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    group = models.ForeignKey(
        CaseGroup,
        verbose_name=_("groep"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A person or household not (yet) known as a case: how the table names them, and their
    # BSNs (one per person) for the routeeroverleg's "other registrations?".
    subject = models.CharField(_("omschrijving"), max_length=200, blank=True)
    bsns = models.CharField(_("BSN's"), max_length=200, blank=True)
    decision = models.TextField(
        _("besluit"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()
    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="casus", case__isnull=False, group__isnull=True)
                    | models.Q(kind="groep", group__isnull=False, case__isnull=True)
                    | models.Q(kind__in=["persoon", "huishouden"], case__isnull=True)
                    & models.Q(group__isnull=True)
                ),
                name="agenda_item_subject_matches_kind",
            )
        ]

    def __str__(self):
        if self.case_id:
            return self.case.number
        if self.group_id:
            return str(self.group)
        return self.subject

    @staticmethod
    def reference_of(pk: int) -> str:
        """The number the privacy pages, the access log and the certificate name an item by
        ("AP-12"): its id, never its subject."""
        return f"AP-{pk}"

    @property
    def reference(self) -> str:
        return self.reference_of(self.pk)

    @property
    def bsn_list(self) -> list[str]:
        return [b for b in self.bsns.replace(",", " ").split() if b]


class TableActionQuerySet(ScopedChildQuerySet):
    """Actions of a table: the table's members see them; the owner (the person, or anyone of
    the owning organisation) sees their own, member or not, and may set its status."""

    parent_path = "item__meeting__table"

    def _owned(self, user) -> models.Q:
        owned = models.Q(owner_id=user.pk)
        if user.organisation_id:
            owned |= models.Q(owner_organisation_id=user.organisation_id)
        return owned

    def visible_to(self, user, action: str = VIEW):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        # The owner's own conditions first: PostgreSQL tests an OR's arms in the order written,
        # so a row the reader owns passes without the table's subquery being built (a reader's
        # own actions at 1M: 60 -> 5 ms, issue 24).
        if action == VIEW:
            table = super().visible_to(user, VIEW).values("pk")
            return self.filter(self._owned(user) | models.Q(pk__in=table))
        if action == UPDATE_STATUS:
            table = super().visible_to(user, CHANGE).values("pk")
            return self.filter(self._owned(user) | models.Q(pk__in=table))
        return super().visible_to(user, action)

    def for_list(self):
        """With the owner, and the agenda item with its meeting and table read for the page's
        rows only (one query): joined in, PostgreSQL joined all of a reader's actions to
        their items, meetings and tables before sorting them for one page (issue 24: a
        partner owning 12,500 actions, 44 ms at 1M)."""
        items = AgendaItem.objects.select_related("meeting__table")
        return self.select_related("owner", "owner_organisation").prefetch_related(
            models.Prefetch("item", queryset=items)
        )

    def open_first(self):
        """Open and running actions first, each part by due date."""
        done_last = models.Case(
            models.When(status__in=OPEN_ACTION_STATUSES, then=models.Value(0)),
            default=models.Value(1),
        )
        return self.order_by(done_last, "due_on", "id")


class TableAction(models.Model):
    """An action a table's decision created. On a case item the case's own action
    (`cases.Action`) is made as well and linked here, so the case file shows it too."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="table_actions",
    )
    owner_organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    case_action = models.OneToOneField(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="table_action"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()
    objects = TableActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tafelactie")
        verbose_name_plural = _("tafelacties")
        indexes = [models.Index(fields=["owner", "status"], name="table_action_owner")]

    def __str__(self):
        return self.description

    @property
    def is_overdue(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and (
            self.due_on < timezone.localdate()
        )
