"""Demo data of the privacy app: a first destruction list and a fortnight of access-log reads
for the access review (`demo_access`).

The retention terms are reference data (`zvhd.privacy.reference`, loaded by `migrate`). The
list is what
the daily task would propose from the other apps' demo records whose term has passed
(registrations not taken up and aftercare records close to three years old, with a two-year
term), so it runs in `after_seed`, once those apps have seeded. Safe to run twice: a second
proposal adds nothing.
"""

from __future__ import annotations


def seed(*, stdout, rng) -> None:
    """Nothing before the other apps have seeded: see `after_seed`."""


def after_seed(*, stdout, rng) -> None:
    from zvhd.privacy import demo_access
    from zvhd.privacy.services import propose_destruction

    demo_access.seed(stdout=stdout)

    destruction_list = propose_destruction()
    if destruction_list is None:
        stdout.write("  vernietigingslijst: geen records met een verstreken termijn")
    else:
        stdout.write(
            f"  vernietigingslijst {destruction_list.pk}: "
            f"{destruction_list.items.count()} records voorgesteld"
        )
