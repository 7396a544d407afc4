"""Demo data of the finance app: the seed's real figures (2019 key and total, 2020 key, the 2024
and 2025 budget, reserve, liaisons, 2020 staffing) from finance/reference_data.py.

Safe to run twice: a year that already exists is left as it is (a demo user may have edited
it); keys are looked up by name. Inhabitants come from the reference data
(zvhd/network/reference.py, 1 January 2024, rounded to hundreds); the 2025 budget distributes
by those.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from finance import reference_data as ref
from finance import services
from finance.models import (
    Basis,
    DistributionKey,
    DocumentKind,
    FinanceDocument,
    FinanceYear,
    MovementKind,
    Side,
    YearStatus,
)
from zvhd.network.models import Municipality, Organisation, OrganisationKind, Role, User
from zvhd.network.reference_data import MUNICIPALITIES

KEY_2019 = "70/30 (2018/2019)"
KEY_2020 = "20/80 inwoners (2020)"
POPULATION_YEAR = 2024  # the demo's inhabitants: 1 January 2024


def _finance_user():
    return (
        User.objects.filter(groups__name=Role.FINANCIEEL_MEDEWERKER).order_by("pk").first()
        or User.objects.filter(is_superuser=True).first()
    )


def _municipalities(names):
    by_name = {m.name: m for m in Municipality.objects.all()}
    return [by_name[n] for n in names]


@transaction.atomic
def seed(*, stdout, rng) -> None:
    user = _finance_user()
    if user is None:
        stdout.write("  geen financieel medewerker; financiën overgeslagen")
        return
    all_names = [m["name"] for m in MUNICIPALITIES]
    key_2019 = _key_2019(user, all_names)
    key_2020 = _key_2020(user, all_names)

    if not FinanceYear.objects.filter(year=2019).exists():
        data = ref.FINANCE["contributions_2019"]
        year = services.create_year(
            year=2019,
            created_by=user,
            distribution_key=key_2019,
            municipal_total=data["total"],
            notes="Gemeentelijke bijdrage 2019 uit de brief van de stuurgroep van 24 juli 2018.",
        )
        services.change_year_status(
            finance_year=year, to=YearStatus.ADOPTED, changed_by=user, reason="Stuurgroep 2018"
        )
    _seed_2020(user, key_2020)
    for y in (2024, 2025):
        _seed_budget_year(user, y, key_2020)
    made = _seed_up_to_this_year(user)
    stdout.write(
        "  begroting 2019, 2020, 2024 en 2025"
        + (f", daarna {', '.join(map(str, made))} (de laatste als concept)" if made else "")
        + ", verdeelsleutels 2019 en 2020"
    )
    _request_letters(user, stdout)


def _seed_up_to_this_year(user) -> list[int]:
    """The budgets after 2025 as a house has them: every year up to the current one adopted (by
    the steering group in June of the year before) and next year's a concept that finance is
    working on, each drafted from the year before as the finance officer does it (indexed
    3 %). A municipality is told its contribution of this year (issue 23: the demo of December
    2026 showed 2024's as the latest, and 2025 and 2026 as concepts). The demo knows the
    inhabitants of 1 January 2024 only (zvhd/network/reference.py), so every drafted year
    distributes by those."""
    made = []
    next_year = timezone.localdate().year + 1
    latest = FinanceYear.objects.order_by("-year").first()
    while latest is not None and latest.year < next_year:
        latest = services.draft_next_year(
            source=latest, indexation_pct=Decimal("3"), created_by=user
        )
        latest = services.update_year(
            finance_year=latest,
            changed_by=user,
            indexation_pct=latest.indexation_pct,
            distribution_key=latest.distribution_key,
            municipal_total=latest.municipal_total,
            population_year=POPULATION_YEAR,
            reserve_opening=latest.reserve_opening,
            notes=f"{latest.notes} Inwonertallen van 1 januari {POPULATION_YEAR} (de laatst "
            "bekende in de demo).",
        )
        if latest.year < next_year:
            _adopt(user, latest)
        made.append(latest.year)
    return made


def _request_letters(user, stdout) -> None:
    """This year's contribution letters, already asked for: a municipal contact finds the
    letter of their municipality under "Brieven", as after a real adoption. Only asked, as
    the factsheets (reports.demo): the worker renders the twelve PDFs while the demo starts,
    so seeding is no slower; where tasks run in-process (no broker, as under test) they are
    left for the finance officer to ask."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    year = FinanceYear.objects.filter(year=timezone.localdate().year).first()
    if year is None or year.status != YearStatus.ADOPTED:
        return
    if FinanceDocument.objects.filter(year=year, kind=DocumentKind.LETTER).exists():
        return
    services.request_letters(
        year=year, requested_by=user, municipalities=Municipality.objects.order_by("name")
    )
    stdout.write(f"  bijdragebrieven {year.year} aangevraagd (de worker maakt ze)")


def _adopt(user, year):
    services.change_year_status(
        finance_year=year,
        to=YearStatus.ADOPTED,
        changed_by=user,
        reason=f"Stuurgroep juni {year.year - 1}",
    )


def _key_2019(user, all_names):
    key = DistributionKey.objects.filter(name=KEY_2019).first()
    if key:
        return key
    data = ref.FINANCE["contributions_2019"]["distribution_key"]
    group_a = data["group_a"]
    return services.save_distribution_key(
        name=KEY_2019,
        description=data["description"],
        changed_by=user,
        components=[
            services.ComponentSpec(
                Decimal(data["group_a_pct"]),
                Basis.EQUAL,
                _municipalities(group_a),
                "Assen, Emmen, Hoogeveen",
            ),
            services.ComponentSpec(
                Decimal(data["group_b_pct"]),
                Basis.EQUAL,
                _municipalities([n for n in all_names if n not in group_a]),
                "Overige negen gemeenten",
            ),
        ],
    )


def _key_2020(user, all_names):
    key = DistributionKey.objects.filter(name=KEY_2020).first()
    if key:
        return key
    data = ref.FINANCE["distribution_key_2020"]
    return services.save_distribution_key(
        name=KEY_2020,
        description=data["description"],
        changed_by=user,
        components=[
            services.ComponentSpec(
                Decimal(data["group_a_pct"]),
                Basis.EQUAL,
                _municipalities(data["group_a"]),
                "Assen, Emmen, Hoogeveen gezamenlijk",
            ),
            services.ComponentSpec(
                Decimal(data["remainder_pct"]),
                Basis.INHABITANTS,
                _municipalities(all_names),
                "Alle twaalf naar inwonertal",
            ),
        ],
    )


def _organisation(kind):
    return Organisation.objects.filter(kind=kind).order_by("name").first()


LIAISON_PARTNERS = {
    "OM": OrganisationKind.OM,
    "DJI": OrganisationKind.DJI,
    "Reclassering": OrganisationKind.RECLASSERING,
    "Politie": OrganisationKind.POLITIE,
    "GGD": OrganisationKind.GGD,
}


def _add_liaisons(user, year, figures):
    for label, amount in figures.items():
        partner = next((k for k in LIAISON_PARTNERS if k in label), None)
        organisation = _organisation(LIAISON_PARTNERS[partner]) if partner else None
        if organisation is not None:
            services.add_liaison(
                year=year, organisation=organisation, label=label, amount=amount, changed_by=user
            )


def _seed_2020(user, key_2020):
    """The 2020 accounts (realisation) in the shape of the annual report's infographic."""
    if FinanceYear.objects.filter(year=2020).exists():
        return
    accounts = ref.FINANCE["accounts_2020"]
    year = services.create_year(
        year=2020,
        created_by=user,
        distribution_key=key_2020,
        reserve_opening=accounts["algemene_reserve"] - accounts["resultaat"],
        notes=(
            "Realisatie 2020 uit het jaarverslag 2020. Het te verdelen bedrag per gemeente is "
            "niet gepubliceerd en de demo heeft geen inwonertallen van 2020."
        ),
    )
    for position, (name, amount) in enumerate(accounts["kosten"].items(), start=1):
        services.add_budget_line(
            year=year,
            side=Side.COST,
            name=name,
            realised=amount,
            position=position * 10,
            created_by=user,
        )
    # The report's "Baten" total (827.282) leaves out the first nazorg line and BTW (see
    # finance/reference_data.py); the demo follows the total, so the accounts balance as printed.
    seen = set()
    position = 0
    for name, amount in accounts["baten"]:
        if name == "BTW" or (
            name == "Nazorg ex-gedetineerden" and name not in seen and amount == 14214
        ):
            seen.add(name)
            continue
        position += 10
        services.add_budget_line(
            year=year,
            side=Side.INCOME,
            name=name,
            realised=amount,
            position=position,
            created_by=user,
        )
    services.record_reserve_movement(
        year=year,
        kind=MovementKind.ADDITION,
        amount=accounts["resultaat"],
        purpose="Resultaat 2020 toegevoegd aan de algemene reserve",
        date=date(2020, 12, 31),
        created_by=user,
    )
    _add_liaisons(user, year, ref.FINANCE["liaison_contributions"][2020])
    for function, fte in accounts["formatie_fte"].items():
        services.set_staffing(year=year, function=function, fte=Decimal(fte), changed_by=user)


def _seed_budget_year(user, y, key_2020):
    if FinanceYear.objects.filter(year=y).exists():
        return
    budget = ref.FINANCE["budget"]
    income = {line["line"]: line["amounts"][y] for line in budget["inkomsten"]}
    # What the twelve pay by the key: the co-financing plus the trafficking approach (a plus
    # task of the whole province, paid by all twelve). This is what makes Midden-Drenthe's 2025
    # contribution come out near the 59.949 of its council letter.
    municipal_total = income["Cofinanciering Drentse gemeenten"] + income["Aanpak mensenhandel"]
    year = services.create_year(
        year=y,
        created_by=user,
        indexation_pct=Decimal(budget["indexation_pct"][y]),
        distribution_key=key_2020,
        municipal_total=municipal_total,
        population_year=POPULATION_YEAR,
        reserve_opening=ref.FINANCE["reserve"]["balance_end"][2023] if y == 2024 else None,
        notes=(
            "Uit het jaarplan en de begroting 2025. Te verdelen: cofinanciering Drentse gemeenten "
            "+ aanpak mensenhandel. Inwonertallen: demo (CBS-orde van grootte)."
            + (
                " Afnemers van de plustaak TVO 2024 aangenomen gelijk aan 2025; die van nazorg"
                " zijn de deelnemende gemeenten nazorg."
                if y == 2024
                else ""
            )
        ),
    )
    for side, lines in ((Side.COST, budget["kosten"]), (Side.INCOME, budget["inkomsten"])):
        parents = {}
        has_children = {line["parent"] for line in lines if line["parent"]}
        for position, line in enumerate(lines, start=1):
            amount = line["amounts"][y]
            is_group = line["line"] in has_children
            created = services.add_budget_line(
                year=year,
                side=side,
                name=line["line"],
                parent=parents.get(line["parent"]),
                original=None if is_group else amount,
                position=position * 10,
                created_by=user,
            )
            parents[line["line"]] = created
    for purpose, amount in ref.FINANCE["reserve"]["withdrawals"][y].items():
        if amount:
            services.record_reserve_movement(
                year=year,
                kind=MovementKind.WITHDRAWAL,
                amount=amount,
                purpose=purpose,
                date=date(y, 12, 31),
                created_by=user,
            )
    plus = ref.FINANCE["plus_tasks"]
    # Its buyers are aftercare's participation of the year (the seeds' buyers are loaded there,
    # aftercare/reference_data.py); adopting 2024 below freezes the participation of 2024.
    services.save_plus_task(
        year=year,
        name="Nazorg ex-gedetineerden",
        amount=plus["nazorg"]["income"][y],
        follows_aftercare=True,
        changed_by=user,
    )
    services.save_plus_task(
        year=year,
        name="Tactisch veiligheidsoverleg",
        amount=plus["tvo"]["income"][y],
        municipalities=_municipalities(plus["tvo"]["buyers"][2025]),
        changed_by=user,
    )
    _add_liaisons(user, year, ref.FINANCE["liaison_contributions"][y])
    _adopt(user, year)
