"""Loads the programme tags after `migrate` (zvhd/network/reference.py calls `seed`)."""

from programmes.reference_data import PROGRAMMES


def seed(loader) -> None:
    from programmes.models import Programme

    for order, item in enumerate(PROGRAMMES, start=1):
        if loader.first_time("programma", item["code"]):
            _programme, created = Programme.objects.get_or_create(
                code=item["code"],
                defaults={
                    "name": item["name"],
                    "description": item["description"],
                    "apart_within_pga": item["apart_within_pga"],
                    "order": order,
                },
            )
            loader.count("programma's", created)
