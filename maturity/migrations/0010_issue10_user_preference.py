"""UserPreference moves to the assessments app (it is about a user, not the model): removed
from this app's state only. The table `maturity_userpreference` stays as it is; the model in
assessments names it (db_table), and assessments' 0010_issue10_user_preference adds it to that
app's state. Nothing in the database changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0009_issue10_iron_law_hint_levels"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="UserPreference")],
            database_operations=[],
        ),
    ]
