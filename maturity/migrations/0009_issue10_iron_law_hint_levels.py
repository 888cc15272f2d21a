"""Iron laws carry the levels at which their standing advice shows (IronLaw.hint_levels).

Until now assessments/reports/report.py held them as level numbers in Python (law 1 at Level 1,
law 2 at Levels 1-2, law 4 at Levels 2-3), which a model version with other levels would have
inherited silently. They are model data now. Versions 1 and 2 were loaded before the field
existed, and a loaded version is never edited: their data files stay as they are (adding the
key would change their checksums, their identity), and this migration gives their laws the
levels the code applied to them, so every page and report reads exactly as before. A later
version states `hint_levels` on its laws in its own data file (covered by its checksum).
"""

from django.db import migrations, models

# What report.py applied to the versions loaded before this field: {law number: levels}.
LEVELS_BEFORE_THE_FIELD = {1: [1], 2: [1, 2], 4: [2, 3]}
VERSIONS_BEFORE_THE_FIELD = ("1", "2")


def fill(apps, schema_editor):
    IronLaw = apps.get_model("maturity", "IronLaw")
    for number, levels in LEVELS_BEFORE_THE_FIELD.items():
        IronLaw.objects.filter(
            version__version__in=VERSIONS_BEFORE_THE_FIELD, number=number
        ).update(hint_levels=levels)


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0008_load_initiatives_v1"),
    ]

    operations = [
        migrations.AddField(
            model_name="ironlaw",
            name="hint_levels",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
