"""API clients made through the service, as the beheer page makes them."""

from api import services
from api.models import Scope, scope_allowed_for

ALL_SCOPES = list(Scope.values)


def make_client(*, organisation, created_by, scopes=None, name="Partnersysteem"):
    """Returns (client, token). Without `scopes`, every scope the organisation may hold."""
    if scopes is None:
        scopes = [s for s in ALL_SCOPES if scope_allowed_for(s, organisation)]
    new = services.create_client(
        name=name, organisation=organisation, scopes=list(scopes), created_by=created_by
    )
    return new.client, new.token


def registration(**changes):
    """A valid registration as a partner system sends it."""
    data = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "birth_date": "1990-04-01",
        "gender": "vrouw",
        "bsn": "",
        "person_municipality": "Assen",
        "registrant_name": "Petra Partner",
        "registrant_email": "petra@ggz.example",
        "municipality": "Assen",
        "reason": "Zorgen over overlast en verwaarlozing.",
        "desired_outcome": "Een gezamenlijk plan.",
        "topic": "multiproblematiek",
        "problem_areas": ["psychisch", "huisvesting"],
        "person_informed": True,
        "legal_basis": "avg-9",
        "legal_purpose": "Beoordelen of procesregie nodig is.",
    }
    data.update(changes)
    return data
