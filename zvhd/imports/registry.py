"""Which importers exist: each app registers its own in `AppConfig.ready()`, so the house
(the upload page, the worker) never names an app."""

from __future__ import annotations

_importers: dict[str, type] = {}


def register(importer_class: type) -> type:
    """Register an `Importer` subclass under its `kind` (usable as a class decorator)."""
    kind = importer_class.kind
    if not kind:
        raise ValueError(f"{importer_class.__name__} has no kind")
    existing = _importers.get(kind)
    if existing is not None and existing is not importer_class:
        raise ValueError(
            f"Two importers for {kind}: {existing.__name__}, {importer_class.__name__}"
        )
    _importers[kind] = importer_class
    return importer_class


def importer_class_for(kind: str) -> type:
    try:
        return _importers[kind]
    except KeyError:
        raise LookupError(f"No importer registered for {kind!r}") from None


def importer_classes() -> list[type]:
    """Every registered importer, in the order of `choices`."""
    return [cls for _kind, cls in sorted(_importers.items())]


def choices() -> list[tuple[str, str]]:
    return [(kind, str(cls.label)) for kind, cls in sorted(_importers.items())]


def label_for(kind: str) -> str:
    importer_class = _importers.get(kind)
    return str(importer_class.label) if importer_class is not None else kind
