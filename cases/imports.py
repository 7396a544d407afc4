"""The file format of `import_cases` and the import page (issue 9), on zvhd.imports.

Each row is checked by `cases.services.prepare_historic_case`, so an imported case obeys the
same rules as one made in the app; once every row passed, `import_historic_cases` writes them
all in one batch. `CaseImporter.describe` says what each column holds (the upload page shows
it; README.md "Import uit het vorige systeem" has the same table); docs/examples/import_cases.csv
is a small example.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import services
from cases.models import Decision, LegalBasis
from zvhd import terms
from zvhd.imports.framework import Importer, RowProblems, lookup, parse_choice, parse_date
from zvhd.network.models import Municipality, Organisation, OrganisationKind, Role, User, Vocabulary

COLUMNS = [
    "external_id",
    "registration_date",
    "registering_organisation",
    "registering_domain",
    "municipality",
    "last_name",
    "first_names",
    "birth_date",
    "gender",
    "bsn",
    "decision",
    "decision_date",
    "direction_start_date",
    "closed_date",
    "closing_reason",
    "problem_areas",
    "main_topic",
    "cross_municipal",
    "process_director",
    "legal_basis",
    "legal_purpose",
]
GENDERS = {"m": "man", "v": "vrouw", "x": "anders", "onbekend": "onbekend"}
DOMAINS = {"veiligheid": "veiligheid", "sociaal_domein": "sociaal"}
YES_NO = {"ja": True, "nee": False}
# Looked up once rather than per row (a file has 10,000 of them).
DECISIONS = Decision.values
ORGANISATION = gettext_lazy("organisatie")
MUNICIPALITY = gettext_lazy("gemeente")
TOPIC = gettext_lazy("aandachtsgebied")
DIRECTOR = gettext_lazy("procesregisseur (gebruikersnaam)")


class CaseImporter(Importer):
    kind = "cases"
    label = gettext_lazy("Casussen")
    columns = COLUMNS
    # The legal basis came with issue 20: older files have no such columns, and an empty one
    # records "onbekend" (the previous system did not hold it; nothing is invented).
    optional_columns = {"legal_basis", "legal_purpose"}
    required = {
        "external_id",
        "registration_date",
        "registering_organisation",
        "municipality",
        "last_name",
        "first_names",
        "birth_date",
        "main_topic",
    }
    field_columns = {
        "registered_on": "registration_date",
        "registering_organisation": "registering_organisation",
        "municipal_domain": "registering_domain",
        "municipality": "municipality",
        "last_name": "last_name",
        "first_name": "first_names",
        "birth_date": "birth_date",
        "gender": "gender",
        "bsn": "bsn",
        "decision": "decision",
        "decided_on": "decision_date",
        "started_on": "direction_start_date",
        "closed_on": "closed_date",
        "closing_reason": "closing_reason",
        "code": "problem_areas",
        "topic": "main_topic",
        "cross_municipal": "cross_municipal",
        "director": "process_director",
        "legal_basis": "legal_basis",
        "legal_purpose": "legal_purpose",
    }

    @classmethod
    def describe(cls) -> dict[str, tuple[str, str]]:
        def codes(vocabulary) -> str:
            return ", ".join(code for code, _label in terms.all_choices(vocabulary))

        date = _("datum als JJJJ-MM-DD of DD-MM-JJJJ")
        return {
            "external_id": ("", _("kenmerk in het vorige systeem, uniek")),
            "registration_date": ("", date),
            "registering_organisation": ("", _("naam of korte naam zoals de app die toont")),
            "registering_domain": (
                _("bij een gemeente"),
                _("veiligheid of sociaal_domein; leeg bij een andere organisatie"),
            ),
            "municipality": ("", _("gemeente van de casus en woongemeente van de betrokkene")),
            "last_name": ("", _("achternaam van de betrokkene")),
            "first_names": ("", _("voornamen")),
            "birth_date": ("", date),
            "gender": ("", _("m, v, x of onbekend (leeg = onbekend)")),
            "bsn": ("", _("9 cijfers die de elfproef doorstaan")),
            "decision": (
                "",
                _("%(codes)s; leeg = nog aangemeld") % {"codes": ", ".join(DECISIONS)},
            ),
            "decision_date": (_("bij een besluit"), _("%s, niet vóór de aanmelding") % date),
            "direction_start_date": (
                "",
                _("%s, alleen bij maatwerk of pga; leeg = de besluitdatum") % date,
            ),
            "closed_date": (_("samen met de reden"), _("%s, niet vóór de start") % date),
            "closing_reason": (
                _("samen met de datum"),
                codes(Vocabulary.AFSLUITREDEN),
            ),
            "problem_areas": (
                "",
                _("codes gescheiden door |: %(codes)s")
                % {"codes": codes(Vocabulary.PROBLEEMGEBIED)},
            ),
            "main_topic": (
                "",
                _("aandachtsgebied, code of naam: %(codes)s")
                % {"codes": codes(Vocabulary.AANDACHTSGEBIED)},
            ),
            "cross_municipal": ("", _("ja of nee")),
            "process_director": (
                _("bij een lopende maatwerk- of pga-casus"),
                _("gebruikersnaam van een procesregisseur of manager"),
            ),
            "legal_basis": (
                "",
                _("grondslag: %(codes)s; leeg of zonder kolom = onbekend")
                % {
                    "codes": ", ".join(
                        LegalBasis.objects.order_by("code").values_list("code", flat=True)
                    )
                },
            ),
            "legal_purpose": ("", _("doel van de verwerking, hoogstens 300 tekens")),
        }

    def __init__(self, *, imported_by):
        super().__init__(imported_by=imported_by)
        # Every name is looked up once here, so a row costs no lookup queries.
        self.organisations = {}
        for org in Organisation.objects.all():
            self.organisations[org.name.casefold()] = org
            if org.short_name:
                self.organisations.setdefault(org.short_name.casefold(), org)
        self.municipalities = {m.name.casefold(): m for m in Municipality.objects.all()}
        self.topics = {}
        # The lists as the functioneel beheerder keeps them; inactive terms are still valid
        # for the old system's records.
        self.closing_reasons = [code for code, _label in terms.all_choices(Vocabulary.AFSLUITREDEN)]
        self.problem_areas = [code for code, _label in terms.all_choices(Vocabulary.PROBLEEMGEBIED)]
        for code, label in terms.all_choices(Vocabulary.AANDACHTSGEBIED):
            self.topics[code.casefold()] = code
            self.topics[str(label).casefold()] = code
        # Directors of old cases may have left (inactive accounts still count).
        directors = User.objects.filter(groups__name__in=[Role.PROCESREGISSEUR, Role.MANAGER])
        self.directors = {u.username.casefold(): u for u in directors}
        self.bases = {b.code: b for b in LegalBasis.objects.all()}
        self.origin = _("Geïmporteerd uit het vorige systeem (kenmerk %(id)s)")

    def parse(self, row: dict[str, str], problems: RowProblems) -> dict | None:
        get = lambda column: row.get(column, "").strip()  # noqa: E731
        data = {
            "registered_on": parse_date(get("registration_date"), "registration_date", problems),
            "decided_on": parse_date(get("decision_date"), "decision_date", problems),
            "started_on": parse_date(get("direction_start_date"), "direction_start_date", problems),
            "closed_on": parse_date(get("closed_date"), "closed_date", problems),
        }
        birth_date = parse_date(get("birth_date"), "birth_date", problems)
        organisation = None
        if get("registering_organisation"):
            organisation = lookup(
                self.organisations,
                get("registering_organisation"),
                "registering_organisation",
                problems,
                ORGANISATION,
            )
        domain = get("registering_domain")
        if organisation is not None and organisation.kind == OrganisationKind.GEMEENTE:
            if domain not in DOMAINS:
                problems.add(
                    "registering_domain",
                    _("Bij een gemeente: 'veiligheid' of 'sociaal_domein'."),
                )
        elif domain and organisation is not None:
            problems.add(
                "registering_domain", _("Alleen invullen als een gemeente de casus aanmeldde.")
            )
        municipality = None
        if get("municipality"):
            municipality = lookup(
                self.municipalities, get("municipality"), "municipality", problems, MUNICIPALITY
            )
        gender = "onbekend"
        if get("gender"):
            gender = GENDERS.get(parse_choice(get("gender"), "gender", problems, GENDERS) or "")
        decision = ""
        if get("decision"):
            decision = parse_choice(get("decision"), "decision", problems, DECISIONS) or ""
        closing_reason = ""
        if get("closing_reason"):
            closing_reason = (
                parse_choice(
                    get("closing_reason"), "closing_reason", problems, self.closing_reasons
                )
                or ""
            )
        areas = [a.strip() for a in get("problem_areas").split("|") if a.strip()]
        for area in areas:
            if area not in self.problem_areas:
                problems.add(
                    "problem_areas",
                    _("Onbekend probleemgebied '%(value)s'; kies uit: %(allowed)s.")
                    % {"value": area, "allowed": ", ".join(self.problem_areas)},
                )
        topic = None
        if get("main_topic"):
            topic = lookup(self.topics, get("main_topic"), "main_topic", problems, TOPIC)
        cross = None
        if get("cross_municipal"):
            if get("cross_municipal").lower() in YES_NO:
                cross = YES_NO[get("cross_municipal").lower()]
            else:
                problems.add("cross_municipal", _("Vul 'ja' of 'nee' in (of laat leeg)."))
        director = None
        if get("process_director"):
            director = lookup(
                self.directors,
                get("process_director"),
                "process_director",
                problems,
                DIRECTOR,
            )
        basis = None
        if get("legal_basis"):
            basis = self.bases.get(get("legal_basis").casefold())
            if basis is None:
                problems.add(
                    "legal_basis",
                    _("Onbekende grondslag '%(value)s'; kies uit: %(allowed)s.")
                    % {"value": get("legal_basis"), "allowed": ", ".join(sorted(self.bases))},
                )
        bsn = "".join(ch for ch in get("bsn") if not ch.isspace() and ch != ".")
        if problems.items:
            return None
        data.update(
            registering_organisation=organisation,
            municipal_domain=DOMAINS.get(domain, "") if organisation.kind == "gemeente" else "",
            municipality=municipality,
            person={
                "first_name": get("first_names"),
                "last_name": get("last_name"),
                "birth_date": birth_date,
                "gender": gender,
                "bsn": bsn,
                "municipality": municipality,
            },
            topic=topic,
            problem_areas=areas,
            cross_municipal=cross,
            decision=decision,
            closing_reason=closing_reason,
            director=director,
            legal_basis=basis,
            legal_purpose=get("legal_purpose")[:300],
        )
        return data

    def prepare(self, data: dict, *, external_id: str) -> services.HistoricCase:
        return services.prepare_historic_case(
            imported_by=self.imported_by,
            origin=self.origin % {"id": external_id},
            **data,
        )

    def write(self, prepared: list[services.HistoricCase]):
        return services.import_historic_cases(imported_by=self.imported_by, cases=prepared)
