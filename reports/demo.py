"""Demo data of the reports app: texts of the annual report and thematic counts (fictitious).

Safe to run twice: texts are written with update-or-create, counts only when the year has none.
The figures themselves come from the other apps' demo data; nothing here invents them.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from reports.models import DocumentKind, LpcoOutcome, ReportDocument, Section, Table, ThematicCount
from reports.services import record_thematic_count, request_document, save_report_text
from zvhd.network.models import Municipality, Region, User

TEXTS = {
    Section.FOREWORD: (
        "In dit jaarverslag kijken we terug op {year}. Opnieuw was de casuïstiek complex: "
        "mensen bij wie zorg en veiligheid elkaar raken en bij wie de reguliere aanpak niet "
        "meer volstaat. Dankzij de inzet van de professionals van de gemeenten en onze "
        "ketenpartners kwamen er doorbraken waar eerder niemand meer beweging zag.\n\n"
        "Wij danken iedereen die hieraan heeft bijgedragen en wensen u veel leesplezier."
    ),
    Section.FOREWORD_SIGNATURE: "J. de Vries\nVoorzitter van de stuurgroep (fictief)",
    Section.FIGURES_NOTE: (
        "Het aantal actieve procesregiecasussen bleef ongeveer gelijk. Bij veel casussen is "
        "sprake van psychische problematiek in combinatie met verslaving of een LVB, vaak met "
        "problematische huisvesting."
    ),
    Section.DEVELOPMENTS: (
        "De liaisons van politie, OM, DJI en reclassering sluiten wekelijks aan in de "
        "ketenkamer. In het najaar zijn de werkafspraken met de gemeenten over tijdig "
        "opschalen vernieuwd."
    ),
    Section.AFTERCARE: (
        "Voor de deelnemende gemeenten ontving ZVHD de meldingen van DJI en ging na of hulp "
        "nodig was op de vijf basisvoorwaarden."
    ),
    Section.AFTERWORD: (
        "Het netwerk bleek ook dit jaar flexibel en onmisbaar. Wij kijken uit naar de "
        "samenwerking in het komende jaar.\n\nDe ketenmanager (fictief)"
    ),
}


def seed(*, stdout, rng) -> None:
    manager = User.objects.filter(username="manager").first()
    support = User.objects.filter(username="ondersteuner").first() or manager
    if manager is None:
        stdout.write("Rapportages: geen manager, overgeslagen\n")
        return
    last = timezone.localdate().year - 1
    for year in (last - 2, last - 1, last):
        for section, text in TEXTS.items():
            save_report_text(
                year=year, section=section, text=text.format(year=year), saved_by=manager
            )
        if ThematicCount._base_manager.filter(year=year).exists():
            continue
        for region in Region.values:
            for month in (3, 6, 9, 12):
                record_thematic_count(
                    table=Table.VEELPLEGERS,
                    year=year,
                    region=region,
                    count=rng.randint(4, 10),
                    meeting_on=timezone.datetime(year, month, 10).date(),
                    entered_by=support,
                )
        for municipality in Municipality.objects.order_by("name"):
            for outcome in LpcoOutcome.values:
                n = (
                    rng.choice([0, 0, 1, 2, 3, 5])
                    if outcome in ("trip", "dagvaarden")
                    else (rng.choice([0, 0, 0, 1]))
                )
                if n:
                    record_thematic_count(
                        table=Table.LPCO,
                        year=year,
                        municipality=municipality,
                        outcome=outcome,
                        count=n,
                        entered_by=support,
                    )
    stdout.write(f"Rapportages: teksten en thematische tellingen {last - 2}-{last}\n")
    _request_factsheets(last, manager, stdout)


def _request_factsheets(year: int, manager, stdout) -> None:
    """Last year's factsheets, already asked for (issue 23): a municipal contact finds their
    factsheet ready, as after a real year. Only asked, never rendered here: the worker makes
    them in the background while the demo starts, so seeding is no slower. Where tasks run
    in-process (no broker, as under test) the PDFs would be rendered during seeding; then
    they are left for someone to ask."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    if ReportDocument.objects.filter(kind=DocumentKind.FACTSHEET, year=year).exists():
        return
    for municipality in Municipality.objects.order_by("name"):
        request_document(
            kind=DocumentKind.FACTSHEET, year=year, requested_by=manager, municipality=municipality
        )
    stdout.write(f"Rapportages: factsheets {year} aangevraagd (de worker maakt ze)\n")


def after_seed(*, stdout, rng) -> None:
    """Once every app has seeded: ask the figures of this year and of the three years the
    figures page opens with, so that its first visit shows figures instead of "wordt
    berekend" (the worker computes them; where tasks run in-process, as with `make run`
    without a broker, they are computed here, a second on the demo data)."""
    from reports.live import queue_refresh

    this_year = timezone.localdate().year
    # This year and the three the figures page opens with (last year and the two before it).
    for year in range(this_year, this_year - 4, -1):
        queue_refresh(year)
    stdout.write(f"Rapportages: cijfers {this_year - 3}-{this_year} aangevraagd\n")
