"""What a notification can be about, how it may reach its reader, and where it leads.

Every kind is a row of `KINDS`: its label (the inbox, the preferences page, an e-mail's
subject), the sentence the inbox shows, the page it links to and how it is delivered when
the reader chose nothing (`default`). Other apps only call `inbox.services.notify(kind, ...)`;
adding a kind here adds its line to the preferences page (and one column to
`InboxPreferences`, one migration).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TEAM_ADDED = "team_added", _("Toegevoegd aan een casusteam")
    ACTION_ASSIGNED = "action_assigned", _("Actie toegewezen")
    ACTION_DUE = "action_due", _("Actie vervalt binnenkort")
    ENRICHMENT_ADDED = "enrichment_added", _("Nieuwe verrijking")
    JOURNAL_ENTRY = "journal_entry", _("Nieuwe aantekening in het logboek")
    DOCUMENT_ADDED = "document_added", _("Nieuw document")
    DOCUMENT_REQUESTED = "document_requested", _("Document bij uw organisatie opgevraagd")
    TRIAGE_DECISION = "triage_decision", _("Besluit over uw aanmelding")
    ESCALATION = "escalation", _("Opschaling")
    TRIAGE_OVERDUE = "triage_overdue", _("Aanmelding wacht te lang op triage")
    CLOSING_APPROVAL = "closing_approval", _("Afsluiten ter goedkeuring")
    CLOSING_DECIDED = "closing_decided", _("Besluit over uw voorstel tot afsluiten")
    RISK_REVIEW = "risk_review", _("Herbeoordeling risicotaxatie")
    TABLE_ACTION_ASSIGNED = "table_action_assigned", _("Actie van een tafel toegewezen")


# Module-level names, so callers write `notify(kinds.ESCALATION, ...)`.
TEAM_ADDED = Kind.TEAM_ADDED
ACTION_ASSIGNED = Kind.ACTION_ASSIGNED
ACTION_DUE = Kind.ACTION_DUE
ENRICHMENT_ADDED = Kind.ENRICHMENT_ADDED
JOURNAL_ENTRY = Kind.JOURNAL_ENTRY
DOCUMENT_ADDED = Kind.DOCUMENT_ADDED
DOCUMENT_REQUESTED = Kind.DOCUMENT_REQUESTED
TRIAGE_DECISION = Kind.TRIAGE_DECISION
ESCALATION = Kind.ESCALATION
TRIAGE_OVERDUE = Kind.TRIAGE_OVERDUE
CLOSING_APPROVAL = Kind.CLOSING_APPROVAL
CLOSING_DECIDED = Kind.CLOSING_DECIDED
RISK_REVIEW = Kind.RISK_REVIEW
TABLE_ACTION_ASSIGNED = Kind.TABLE_ACTION_ASSIGNED


class Delivery(models.TextChoices):
    INBOX = "inbox", _("Alleen in de inbox")
    EMAIL = "email", _("Ook meteen per e-mail")
    DIGEST = "digest", _("Ook in de dagelijkse e-mail")


@dataclass(frozen=True)
class KindSpec:
    """`sentence`: what the inbox says (no names, no content: the record shows those).
    `url_name`: the page the notification opens, with the case's id as its one argument
    (none when `case_in_url` is false: a page of one's own, such as one's table actions);
    the link is shown only while the reader may still see the record (inbox.display)."""

    sentence: str
    url_name: str = "cases:case_detail"
    anchor: str = ""
    default: str = Delivery.INBOX
    case_in_url: bool = True


SPECS: dict[str, KindSpec] = {
    # A partner added to a team may not log in every day: told by e-mail unless they opt out.
    Kind.TEAM_ADDED: KindSpec(_("U bent toegevoegd aan het casusteam."), default=Delivery.EMAIL),
    Kind.ACTION_ASSIGNED: KindSpec(
        _("Er is een actie aan u of uw organisatie toegewezen."),
        url_name="cases:case_plan",
        anchor="acties",
        default=Delivery.EMAIL,
    ),
    # The daily reminder was an e-mail before the inbox existed: it stays one by default.
    Kind.ACTION_DUE: KindSpec(
        _("Een actie vervalt binnenkort of is verlopen."),
        url_name="cases:case_plan",
        anchor="acties",
        default=Delivery.EMAIL,
    ),
    Kind.ENRICHMENT_ADDED: KindSpec(_("Er is nieuwe informatie toegevoegd (verrijking).")),
    # The journal and documents (app casefile): their own tab of the case file.
    Kind.JOURNAL_ENTRY: KindSpec(
        _("Er is een aantekening toegevoegd aan het logboek."), url_name="casefile:journal"
    ),
    Kind.DOCUMENT_ADDED: KindSpec(
        _("Er is een document toegevoegd."), url_name="casefile:documents"
    ),
    # A partner asked for a document may not log in every day: told by e-mail by default.
    Kind.DOCUMENT_REQUESTED: KindSpec(
        _("De procesregisseur heeft een document bij uw organisatie opgevraagd."),
        url_name="casefile:documents",
        anchor="opgevraagd",
        default=Delivery.EMAIL,
    ),
    Kind.TRIAGE_DECISION: KindSpec(_("De ketenkamer heeft besloten over uw aanmelding.")),
    Kind.ESCALATION: KindSpec(_("Een casus is opgeschaald."), default=Delivery.EMAIL),
    Kind.TRIAGE_OVERDUE: KindSpec(
        _("Een aanmelding wacht langer dan vijf werkdagen op een besluit."),
        default=Delivery.DIGEST,
    ),
    Kind.RISK_REVIEW: KindSpec(
        _("De herbeoordeling van een risicotaxatie nadert of is verlopen."),
        url_name="risk:case_risk",
        default=Delivery.EMAIL,
    ),
    Kind.CLOSING_DECIDED: KindSpec(
        _("Een manager heeft besloten over uw voorstel om een casus af te sluiten.")
    ),
    Kind.CLOSING_APPROVAL: KindSpec(
        _("Het afsluiten van een casus wacht op uw goedkeuring."), default=Delivery.EMAIL
    ),
    # An action a table agreed (tables.services.record_decision): the owner finds it under
    # Tafels > Mijn acties, also when it is about a person without a case, or a case the
    # owner may not open. By e-mail, like the case's own actions.
    Kind.TABLE_ACTION_ASSIGNED: KindSpec(
        _("Een tafel heeft een actie aan u of uw organisatie toegewezen."),
        url_name="tables:my_actions",
        default=Delivery.EMAIL,
        case_in_url=False,
    ),
}


def spec(kind: str) -> KindSpec:
    return SPECS[kind]
