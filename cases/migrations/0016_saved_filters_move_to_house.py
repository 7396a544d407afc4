"""Saved filters belong to the house now (zvhd.lists, migration 0001 there): the model leaves
the cases app's state; its table, `cases_savedfilter`, and its rows stay where they are.

The choices of `list_name` (the four case lists) go with it: every list that says it takes
saved filters is one (`zvhd.lists.services.list_view`)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0015_lead_time_index"),
        ("lists", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="savedfilter",
                    name="saved_filter_unique_name",
                ),
                migrations.DeleteModel(name="SavedFilter"),
            ],
            database_operations=[],
        ),
    ]
