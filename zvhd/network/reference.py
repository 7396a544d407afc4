"""Reference data: the rows the product cannot work without, in every installation.

What: the role groups, the 12 Drenthe municipalities (CBS code, region, inhabitants with their
source year), the convenant partners at the level the annual report counts them, the ZVHD
bureau and one organisation per municipality (this module, from
`zvhd.network.reference_data`), and whatever each app adds in its own `reference` module
(`advice.reference`: the topics; `aftercare.reference`: the municipalities that buy the
aftercare per year, each from its app's own `reference_data`; `zvhd.privacy.reference`: the
default retention terms; `cases.reference`: the problem areas, topics and closing reasons as
`Term` rows the functioneel beheerder keeps, see zvhd/terms.py). The other fixed lists (statuses,
decisions: the life cycle of DOMAIN.md) are `TextChoices` in code and need no rows.

When: after every `migrate` (and every `flush`), from the `post_migrate` handler of the
network app (`zvhd/network/apps.py`), so an empty database is usable the moment it is
migrated, in production, in the demo and in the tests alike; `manage.py seed_reference` runs
the same loader by hand. `seed_demo` runs it first too and then adds only fictitious people
and records.

How: once per natural key. Every row loaded is written down in `ReferenceRow` (kind, key); a
key in that ledger is never loaded again. A row that already exists under its natural key (a
database that had the demo before this loader existed) is adopted as it is. So what the
functioneel beheerder (or the financieel medewerker, the privacy officer) changed, renamed or
retired afterwards stays as they left it: the loader never updates a row, and never puts back
a row whose key it loaded before.
"""

from __future__ import annotations

import importlib
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.db import transaction

from zvhd.network import reference_data as ref

# The seeds give no inhabitant numbers (reference_data.MUNICIPALITIES). Until the financieel
# medewerker imports the CBS figures (Financiën → Inwonertallen), each municipality has the
# CBS number of 1 January 2024 rounded to hundreds, with that said in its source, so the
# distribution key can be computed from the first day.
POPULATION_YEAR = 2024
POPULATION_SOURCE = "CBS, 1 januari 2024, afgerond op honderdtallen; vervang door het exacte cijfer"
INHABITANTS = {
    "GM1680": 26000,  # Aa en Hunze
    "GM0106": 69000,  # Assen
    "GM1681": 25700,  # Borger-Odoorn
    "GM0109": 35800,  # Coevorden
    "GM1690": 24700,  # De Wolden
    "GM0114": 108000,  # Emmen
    "GM0118": 56000,  # Hoogeveen
    "GM0119": 35000,  # Meppel
    "GM1731": 33900,  # Midden-Drenthe
    "GM1699": 32900,  # Noordenveld
    "GM1730": 34800,  # Tynaarlo
    "GM1701": 20100,  # Westerveld
}

CHANGE_REASON = "Referentiegegevens"


class Loader:
    """Hands out each (kind, key) once per database: the `ReferenceRow` ledger."""

    def __init__(self):
        from zvhd.network.models import ReferenceRow

        self.model = ReferenceRow
        self.loaded = set(ReferenceRow.objects.values_list("kind", "key"))
        self.new = []
        self.added = Counter()

    def first_time(self, kind: str, key: str) -> bool:
        """True if (kind, key) was never loaded here; from now on it counts as loaded."""
        if (kind, key) in self.loaded:
            return False
        self.loaded.add((kind, key))
        self.new.append(self.model(kind=kind, key=key))
        return True

    def count(self, kind: str, added: bool = True) -> None:
        if added:
            self.added[kind] += 1

    def save(self) -> None:
        self.model.objects.bulk_create(self.new)
        self.new = []


def seed(loader: Loader) -> None:
    """The house's part: role groups, municipalities, inhabitants, organisations."""
    from django.contrib.auth.models import Group

    from zvhd.network.models import Municipality, Organisation, Population, Role

    for role in Role:
        if loader.first_time("rol", role.value):
            loader.count("rollen", Group.objects.get_or_create(name=role.value)[1])

    for item in ref.MUNICIPALITIES:
        if not loader.first_time("gemeente", item["cbs_code"]):
            continue
        exists = Municipality.objects.filter(cbs_code=item["cbs_code"]).exists()
        exists = exists or Municipality.objects.filter(name=item["name"]).exists()
        if not exists:
            Municipality.objects.create(
                name=item["name"],
                slug=item["slug"],
                cbs_code=item["cbs_code"],
                region=item["region"],
            )
            loader.count("gemeenten")

    by_code = {m.cbs_code: m for m in Municipality.objects.all()}
    populations = [
        (item["cbs_code"], int(year), inhabitants, "CBS, uit de brondocumenten")
        for item in ref.MUNICIPALITIES
        for year, inhabitants in item.get("inhabitants", {}).items()
    ] or [
        (code, POPULATION_YEAR, inhabitants, POPULATION_SOURCE)
        for code, inhabitants in INHABITANTS.items()
    ]
    for code, year, inhabitants, source in populations:
        municipality = by_code.get(code)
        if municipality is None or not loader.first_time("inwonertal", f"{code}:{year}"):
            continue
        if not Population.objects.filter(municipality=municipality, year=year).exists():
            population = Population(
                municipality=municipality, year=year, inhabitants=inhabitants, source=source
            )
            population._change_reason = CHANGE_REASON
            population.save()
            loader.count("inwonertallen")

    by_slug = {m.slug: m for m in by_code.values()}
    for item in ref.ORGANISATIONS:
        if not loader.first_time("organisatie", item["name"]):
            continue
        if Organisation.objects.filter(name=item["name"]).exists():
            continue
        municipality = by_slug.get(item.get("municipality") or "")
        if item["kind"] == "gemeente" and municipality is None:
            continue
        organisation = Organisation(
            name=item["name"],
            short_name=item.get("short_name") or "",
            kind=item["kind"],
            figure_category=item.get("figure_category") or "",
            municipality=municipality,
        )
        organisation._change_reason = CHANGE_REASON
        organisation.save()
        loader.count("organisaties")


def reference_modules():
    """Each of our apps' `reference` module (with a `seed(loader)`), in INSTALLED_APPS order."""
    modules = []
    for config in apps.get_app_configs():
        ours = config.path.startswith(str(settings.BASE_DIR)) and "site-packages" not in config.path
        if not ours:
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.reference"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.reference":
                raise
    return modules


def seed_reference() -> Counter:
    """Load what is missing, in one transaction; returns how many rows were added per kind."""
    with transaction.atomic():
        loader = Loader()
        for module in reference_modules():
            module.seed(loader)
        loader.save()
    return loader.added
