"""The fixed cast: one user per role, shared by every test (see CONVENTIONS rule 12).

Like healthchecks' Alice, Bob and Charlie, each name is a person with a place in the network:
- `regisseur`, `ondersteuner`, `begeleider`, `nazorg`, `mensenhandel`, `manager`: ZVHD bureau;
- `liaison_politie`, `liaison_om`: liaisons of police and OM;
- `partner` (GGZ Drenthe) and `partner_other` (Verslavingszorg Noord Nederland);
- `gemeente` (contact for Assen) and `gemeente_other` (contact for Emmen);
- `financien`, `beheerder`, `privacy`: finance, functioneel beheer, privacy officer;
- `nobody`: a logged-in user without any role.
Apps make their records around these people: "a case of Assen registered by GGZ Drenthe with
`regisseur` as director" is in scope for `gemeente`, out of scope for `gemeente_other`.
The cast sits at the ketenkamer as its roles did before it was a table: its table (tables/) has
the bureau, the police and the OM as member organisations, `ondersteuner` chairs it.
"""

from dataclasses import dataclass

from tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory
from zvhd.network.models import Municipality, Organisation, OrganisationKind, Region, Role, User


@dataclass
class Cast:
    assen: object
    emmen: object
    zvhd: object
    politie: object
    om: object
    ggz: object
    vnn: object
    gemeente_assen: object
    gemeente_emmen: object
    regisseur: object
    regisseur_other: object
    ondersteuner: object
    begeleider: object
    nazorg: object
    mensenhandel: object
    manager: object
    liaison_politie: object
    liaison_om: object
    partner: object
    partner_other: object
    gemeente: object
    gemeente_other: object
    financien: object
    beheerder: object
    privacy: object
    nobody: object

    def by_role(self):
        """(name, user) pairs, for permission matrices written as data."""
        return [(name, getattr(self, name)) for name in CAST_USERS]


CAST_USERS = [
    "regisseur",
    "regisseur_other",
    "ondersteuner",
    "begeleider",
    "nazorg",
    "mensenhandel",
    "manager",
    "liaison_politie",
    "liaison_om",
    "partner",
    "partner_other",
    "gemeente",
    "gemeente_other",
    "financien",
    "beheerder",
    "privacy",
    "nobody",
]


# The cast's places, by name: reference data (zvhd/network/reference.py) that `migrate` loaded;
# the factories find them by name (`django_get_or_create`) and create them only when missing.
MUNICIPALITIES = {"assen": "Assen", "emmen": "Emmen"}
ORGANISATIONS = {
    "zvhd": "Zorg- en Veiligheidshuis Drenthe",
    "politie": "Politie",
    "om": "Openbaar Ministerie",
    "ggz": "GGZ Drenthe",
    "vnn": "Verslavingszorg Noord Nederland",
    "gemeente_assen": "Gemeente Assen",
    "gemeente_emmen": "Gemeente Emmen",
}


def build_cast() -> Cast:
    """Make the cast in the database (once a test session: see tests/conftest.py)."""
    assen = MunicipalityFactory(name="Assen", slug="assen", cbs_code="GM0106", region=Region.NOORD)
    emmen = MunicipalityFactory(
        name="Emmen", slug="emmen", cbs_code="GM0114", region=Region.ZUIDOOST
    )
    zvhd = OrganisationFactory(
        name=ORGANISATIONS["zvhd"], short_name="ZVHD", kind=OrganisationKind.ZVHD
    )
    politie = OrganisationFactory(name=ORGANISATIONS["politie"], kind=OrganisationKind.POLITIE)
    om = OrganisationFactory(name=ORGANISATIONS["om"], short_name="OM", kind=OrganisationKind.OM)
    ggz = OrganisationFactory(name=ORGANISATIONS["ggz"], kind=OrganisationKind.GGZ)
    vnn = OrganisationFactory(
        name=ORGANISATIONS["vnn"],
        short_name="VNN",
        kind=OrganisationKind.VERSLAVINGSZORG,
    )
    gemeente_assen = OrganisationFactory(
        name=ORGANISATIONS["gemeente_assen"], kind=OrganisationKind.GEMEENTE, municipality=assen
    )
    gemeente_emmen = OrganisationFactory(
        name=ORGANISATIONS["gemeente_emmen"], kind=OrganisationKind.GEMEENTE, municipality=emmen
    )

    def user(username, role, organisation, **extra):
        return UserFactory(
            username=username,
            first_name=username.split("_")[0].capitalize(),
            organisation=organisation,
            roles=[role] if role else [],
            **extra,
        )

    cast = Cast(
        assen=assen,
        emmen=emmen,
        zvhd=zvhd,
        politie=politie,
        om=om,
        ggz=ggz,
        vnn=vnn,
        gemeente_assen=gemeente_assen,
        gemeente_emmen=gemeente_emmen,
        regisseur=user("regisseur", Role.PROCESREGISSEUR, zvhd),
        regisseur_other=user("regisseur_other", Role.PROCESREGISSEUR, zvhd),
        ondersteuner=user("ondersteuner", Role.PROCESONDERSTEUNER, zvhd),
        begeleider=user("begeleider", Role.TRAJECTBEGELEIDER, zvhd),
        nazorg=user("nazorg", Role.NAZORGCOORDINATOR, zvhd),
        mensenhandel=user("mensenhandel", Role.KETENREGISSEUR_MENSENHANDEL, zvhd),
        manager=user("manager", Role.MANAGER, zvhd),
        liaison_politie=user("liaison_politie", Role.LIAISON, politie),
        liaison_om=user("liaison_om", Role.LIAISON, om),
        partner=user("partner", Role.PARTNERPROFESSIONAL, ggz),
        partner_other=user("partner_other", Role.PARTNERPROFESSIONAL, vnn),
        gemeente=user(
            "gemeente", Role.GEMEENTELIJK_CONTACTPERSOON, gemeente_assen, municipality=assen
        ),
        gemeente_other=user(
            "gemeente_other", Role.GEMEENTELIJK_CONTACTPERSOON, gemeente_emmen, municipality=emmen
        ),
        financien=user("financien", Role.FINANCIEEL_MEDEWERKER, zvhd),
        beheerder=user("beheerder", Role.FUNCTIONEEL_BEHEERDER, zvhd),
        privacy=user("privacy", Role.PRIVACY_OFFICER, zvhd),
        nobody=user("nobody", None, ggz),
    )
    # The ketenkamer's table, made by the rule of the data migration (tables/0003): chaired by
    # `ondersteuner`, with the bureau, the police and the OM as member organisations.
    from tables.services import create_ketenkamer_table

    create_ketenkamer_table()
    return cast


def load_cast() -> Cast:
    """The cast as the database has it, read in three queries: fresh objects for each test,
    so what one test changes on them (and its transaction rolls back) no other test sees."""
    places = Municipality.objects.in_bulk(MUNICIPALITIES.values(), field_name="name")
    organisations = Organisation.objects.in_bulk(ORGANISATIONS.values(), field_name="name")
    users = User.objects.select_related("organisation", "municipality").in_bulk(
        CAST_USERS, field_name="username"
    )
    missing = set(CAST_USERS) - set(users)
    assert not missing, f"the cast is not in the database (tests/conftest.py): {missing}"
    return Cast(
        **{attr: places[name] for attr, name in MUNICIPALITIES.items()},
        **{attr: organisations[name] for attr, name in ORGANISATIONS.items()},
        **users,
    )
