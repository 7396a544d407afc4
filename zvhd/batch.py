"""Checking and writing records by the thousand (the imports of issue 9).

Two things make a row-by-row write slow: `full_clean()` asks the database about every foreign
key and every CHECK constraint of every row, and each `save()` is its own INSERT plus one for
its history row. The import services therefore check each record in memory with
`clean_without_queries` and write with simple-history's `bulk_create_with_history`.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections

# Rows per INSERT: a Case has ~35 columns, so 1000 rows stay well below PostgreSQL's
# 65,535 parameters per statement.
BATCH_SIZE = 1000


def clean_without_queries(obj, *, exclude=()) -> None:
    """`obj.full_clean(exclude=...)` without its database round trips.

    Everything full_clean checks in Python stays: choices, lengths, blank, the field
    validators (elfproef, "not in the future", ...) and the model's `clean()`. Left out are the
    checks that cost a query per row each:

    - that each foreign key points at an existing row: the callers pass objects they loaded
      themselves, and the database's own foreign-key constraint refuses a vanished one when
      the batch is written (the whole import is then rolled back);
    - the model's CHECK constraints: the service states the same rule with its own message
      (cases: "niet sluiten vóór de start"), and the database enforces them on write;
    - unique fields (a lookup per field): the records an import makes have none but their
      primary key and the case number, which the writer hands out; the database's unique
      indexes still refuse a duplicate.

    A required foreign key that is empty is still reported, with Django's own message.
    """
    relations = [
        field
        for field in obj._meta.concrete_fields
        if field.is_relation and field.name not in exclude
    ]
    errors: dict[str, list] = {}
    for field in relations:
        # An unsaved related object assigned to the field counts as set.
        unset = getattr(obj, field.attname) is None and field.get_cached_value(obj, None) is None
        if unset and not field.null:
            errors[field.name] = [field.error_messages["null"]]
    try:
        obj.full_clean(
            exclude=[*exclude, *(f.name for f in relations)],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@contextmanager
def without_savepoints(using: str = DEFAULT_DB_ALIAS):
    """Nested `transaction.atomic` blocks make no savepoint inside this block.

    For a long run of service calls in one outer transaction that is rolled back whole when
    any of them fails (`seed_demo`: each app's demo in one transaction). Every service is an
    atomic block of its own, so each call inside that transaction cost a SAVEPOINT and a
    RELEASE: 7,482 of the cases demo's 25,895 statements (issue 24). Without a savepoint,
    any exception that leaves a nested atomic block marks the whole transaction for rollback
    (Django then refuses the next query), so code inside must not catch an exception from a
    service and go on: it fails loudly, and the outer block rolls everything back.

    Django asks `connection.features.uses_savepoints` before each savepoint; this shadows that
    class attribute on this one connection for the duration of the block.
    """
    features = connections[using].features
    shadowed = "uses_savepoints" in vars(features)  # an enclosing block of this kind
    features.uses_savepoints = False
    try:
        yield
    finally:
        if not shadowed:
            del features.uses_savepoints
