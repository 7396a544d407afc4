"""Reference data of the cases app: the legal bases (grondslagen) of exchanges, from
`cases.reference_data.LEGAL_BASES`; loaded by zvhd/network/reference.py, once per code."""


def seed(loader) -> None:
    from cases.models import LegalBasis
    from cases.reference_data import LEGAL_BASES

    for order, (code, name, explanation) in enumerate(LEGAL_BASES, start=1):
        if loader.first_time("grondslag", code):
            _basis, created = LegalBasis.objects.get_or_create(
                code=code, defaults={"name": name, "explanation": explanation, "order": order}
            )
            loader.count("grondslagen", created)
