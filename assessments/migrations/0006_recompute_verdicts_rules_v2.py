"""Re-judges every stored verdict with the scoring rules v2 (issue 11).

Each assessment keeps its answers and the model version it was answered against; only the
Diagnosis rows change, and each records `rules_version` = 2. Version 1 got the rules' codes in
maturity 0006.
"""

from django.db import migrations

from assessments.diagnosis import recompute_diagnoses


def recompute(apps, schema_editor):
    recompute_diagnoses(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_verdict_rules_v2_fields"),
        ("maturity", "0006_load_model_v2"),
    ]

    # Going back leaves the v2 verdicts in place (the v1 rules are gone from the code).
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
