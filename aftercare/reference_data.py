"""Reference data of the aftercare app, copied from the seed documents.

The municipalities that buy the aftercare plus task per year.

Plain Python literals only (no Django, no imports). The seed files, the way they are cited
(file and line) and the conventions (whole euros as ``int``, decimals as ``str``, nothing
invented) are described in the house's part, ``zvhd/network/reference_data.py``.
"""

# Municipalities that buy the aftercare (nazorg ex-gedetineerden) plus task, per year, in the
# order the seeds list them: 2020 from the annual report 2020 (004) l.313; 2025 from plan 2025
# (003) l.764-766 ("Zes van de twaalf gemeenten", l.109-110). Other years are not stated.
AFTERCARE_MUNICIPALITIES = {
    2020: ["Aa en Hunze", "Tynaarlo", "De Wolden", "Hoogeveen", "Midden-Drenthe"],
    2025: ["Aa en Hunze", "De Wolden", "Hoogeveen", "Meppel", "Midden-Drenthe", "Tynaarlo"],
}
