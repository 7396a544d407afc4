"""Reference data of the privacy app: a default retention term for every kind that has none
(zvhd/privacy/defaults.py; the privacy officer changes them); see zvhd/network/reference.py."""


def seed(loader) -> None:
    from zvhd.privacy.defaults import ensure_default_terms

    added = ensure_default_terms()
    if added:
        loader.added["bewaartermijnen"] += added
