"""Reference data of the risk app: the neutral example instrument and the kinds of safety
flags (`risk.reference_data`); loaded by zvhd/network/reference.py, once per key."""


def seed(loader) -> None:
    from risk.models import Domain, FlagKind, Instrument
    from risk.reference_data import EXAMPLE_INSTRUMENT, FLAG_KINDS

    item = EXAMPLE_INSTRUMENT
    if loader.first_time("risico-instrument", "neutraal-voorbeeld"):
        instrument, created = Instrument.objects.get_or_create(
            name=item["name"],
            defaults={
                "guidance": item["guidance"],
                "scale_min": item["scale_min"],
                "scale_max": item["scale_max"],
                "is_example": True,
            },
        )
        if created:
            for order, (name, guidance) in enumerate(item["domains"], start=1):
                Domain.objects.create(
                    instrument=instrument, name=name, guidance=guidance, order=order
                )
        loader.count("risico-instrumenten", created)
    for order, (name, description) in enumerate(FLAG_KINDS, start=1):
        if loader.first_time("veiligheidssignaal", name):
            _kind, created = FlagKind.objects.get_or_create(
                name=name, defaults={"description": description, "order": order}
            )
            loader.count("soorten veiligheidssignalen", created)
