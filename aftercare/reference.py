"""Reference data of the aftercare app: the municipalities that buy the aftercare plus task in
the years the seeds name (aftercare/reference_data.py); see
zvhd/network/reference.py. Management changes them on the page Deelnemende gemeenten."""

from aftercare.reference_data import AFTERCARE_MUNICIPALITIES


def seed(loader) -> None:
    from aftercare.models import Participation
    from zvhd.network.models import Municipality

    municipalities = {m.name: m for m in Municipality.objects.all()}
    for year, names in AFTERCARE_MUNICIPALITIES.items():
        for name in names:
            if name not in municipalities:
                continue
            if not loader.first_time("nazorgdeelname", f"{year}:{name}"):
                continue
            created = Participation.objects.get_or_create(
                year=year, municipality=municipalities[name]
            )[1]
            loader.count("nazorgdeelnames", created)
