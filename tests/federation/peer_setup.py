"""Run in the second instance's own process and database (test_two_instances.py): make it a
house that knows one person and lets the first house ask; print the token for the first house.

    DATABASE_URL=... python tests/federation/peer_setup.py BSN
"""

import json
import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")

import django  # noqa: E402

django.setup()

from federation.index import rebuild_key  # noqa: E402
from tests.cases.factories import make_case, person_data  # noqa: E402
from tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory  # noqa: E402
from tests.federation.factories import make_house, make_key, make_peer  # noqa: E402
from zvhd.network.models import OrganisationKind, Role  # noqa: E402


def main(bsn: str) -> None:
    beheerder = UserFactory(username="peer.beheerder", roles=[Role.FUNCTIONEEL_BEHEERDER])
    ggz = OrganisationFactory(name="GGZ Groningen", kind=OrganisationKind.GGZ)
    partner = UserFactory(username="peer.partner", organisation=ggz,
                          roles=[Role.PARTNERPROFESSIONAL])  # fmt: skip
    municipality = MunicipalityFactory(name="Assen")
    make_case(registered_by=partner, municipality=municipality,
              person=person_data(municipality, bsn=bsn))  # fmt: skip
    make_house(
        beheerder,
        house_id="zvh-groningen",
        name="Zorg- en Veiligheidshuis Groningen",
        contact_role="Casusregie Groningen",
        contact_email="casusregie@zvhgroningen.example",
        contact_phone="050 000 0000",
    )
    key = make_key(beheerder)
    rebuild_key(key)
    _peer, token = make_peer(
        beheerder,
        name="Zorg- en Veiligheidshuis Drenthe",
        base_url="http://127.0.0.1:9/",
        outbound_token="",
        organisation_name="ZVH Drenthe (federatie)",
    )
    print(json.dumps({"token": token}))


if __name__ == "__main__":
    main(sys.argv[1])
