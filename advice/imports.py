"""The file format of `import_advice` and the import page (issue 9), on zvhd.imports."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advice import services
from advice.models import AdviceKind, Topic
from zvhd.imports.framework import Importer, RowProblems, lookup, parse_choice, parse_date
from zvhd.network.models import Municipality, Organisation

COLUMNS = ["external_id", "date", "kind", "requesting_organisation", "municipality", "topic"]
# The file's words for the kinds of the app.
KINDS = {
    "informatieknooppunt": AdviceKind.INFORMATIEKNOOPPUNT,
    "advies": AdviceKind.ADVIES_KORT,
    "ondersteuning": AdviceKind.ONDERSTEUNING,
}


class AdviceImporter(Importer):
    kind = "advice"
    label = gettext_lazy("Adviesvragen")
    columns = COLUMNS
    required = {"external_id", "date", "kind", "requesting_organisation"}
    field_columns = {
        "date": "date",
        "kind": "kind",
        "organisation": "requesting_organisation",
        "municipality": "municipality",
        "topic": "topic",
    }

    @classmethod
    def describe(cls) -> dict[str, tuple[str, str]]:
        return {
            "external_id": ("", _("kenmerk in het vorige systeem, uniek")),
            "date": ("", _("datum als JJJJ-MM-DD of DD-MM-JJJJ")),
            "kind": ("", ", ".join(KINDS)),
            "requesting_organisation": ("", _("naam of korte naam zoals de app die toont")),
            "municipality": ("", _("naam; leeg = provinciebreed")),
            "topic": (
                "",
                _("onderwerp, code of naam: %(codes)s")
                % {
                    "codes": ", ".join(
                        Topic.objects.order_by("code").values_list("code", flat=True)
                    )
                },
            ),
        }

    def __init__(self, *, imported_by):
        super().__init__(imported_by=imported_by)
        self.organisations = {}
        for org in Organisation.objects.all():
            self.organisations[org.name.casefold()] = org
            if org.short_name:
                self.organisations.setdefault(org.short_name.casefold(), org)
        self.municipalities = {m.name.casefold(): m for m in Municipality.objects.all()}
        self.topics = {}
        for topic in Topic.objects.all():
            self.topics[topic.code.casefold()] = topic
            self.topics[topic.label.casefold()] = topic

    def parse(self, row: dict[str, str], problems: RowProblems) -> dict | None:
        get = lambda column: row.get(column, "").strip()  # noqa: E731
        day = parse_date(get("date"), "date", problems)
        kind = parse_choice(get("kind"), "kind", problems, KINDS) if get("kind") else None
        organisation = municipality = topic = None
        if get("requesting_organisation"):
            organisation = lookup(
                self.organisations,
                get("requesting_organisation"),
                "requesting_organisation",
                problems,
                _("organisatie"),
            )
        if get("municipality"):
            municipality = lookup(
                self.municipalities, get("municipality"), "municipality", problems, _("gemeente")
            )
        if get("topic"):
            topic = lookup(self.topics, get("topic"), "topic", problems, _("aandachtsgebied"))
        if problems.items:
            return None
        return {
            "date": day,
            "kind": KINDS[kind],
            "organisation": organisation,
            "municipality": municipality,
            "topic": topic,
        }

    def prepare(self, data: dict, *, external_id: str):
        return services.prepare_historic_advice(imported_by=self.imported_by, **data)

    def write(self, prepared: list):
        return services.import_historic_advice(imported_by=self.imported_by, records=prepared)
