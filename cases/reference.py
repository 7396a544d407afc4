"""Reference data of the cases app: the lookup lists its records choose from.

The legal bases (grondslagen) of exchanges (`cases.reference_data.LEGAL_BASES`, as
`LegalBasis` rows). The problem areas (`cases.reference_data.PROBLEM_AREAS`), the topics
(aandachtsgebieden, `advice.reference_data.TOPICS`) and the closing reasons (`ClosingReason`),
as `Term` rows the functioneel beheerder keeps (Beheer → Keuzelijsten, `zvhd.terms`). Loaded
after every migrate by zvhd/network/reference.py, once per code: a label or order changed later
is never put back.
"""

from advice.reference_data import TOPICS
from cases.reference_data import PROBLEM_AREAS

LISTS = {
    "probleemgebied": ("probleemgebieden", PROBLEM_AREAS),
    "aandachtsgebied": ("aandachtsgebieden van casussen", TOPICS),
}


def _closing_reasons():
    from cases.models import ClosingReason

    return [(reason.value, str(reason.label)) for reason in ClosingReason]


def seed(loader) -> None:
    from cases.models import LegalBasis
    from cases.reference_data import LEGAL_BASES
    from zvhd.network.models import Term

    for order, (code, name, explanation) in enumerate(LEGAL_BASES, start=1):
        if loader.first_time("grondslag", code):
            _basis, created = LegalBasis.objects.get_or_create(
                code=code, defaults={"name": name, "explanation": explanation, "order": order}
            )
            loader.count("grondslagen", created)

    lists = {**LISTS, "afsluitreden": ("redenen van afsluiten", _closing_reasons())}
    for vocabulary, (counted_as, rows) in lists.items():
        for position, (code, label) in enumerate(rows, start=1):
            if not loader.first_time(f"term:{vocabulary}", code):
                continue
            _term, created = Term.objects.get_or_create(
                vocabulary=vocabulary,
                code=code,
                defaults={"label": str(label), "position": position * 10},
            )
            loader.count(counted_as, created)
