"""Loads version 2 of the maturity model and gives version 1 the verdict rules.

Version 2 (model_v2.yaml) corrects C4.5 (met at >= 4x, the table's Level 4 productivity),
sharpens the metric help texts and asks for the basis of customer satisfaction; it becomes the
current version, and assessments answered against version 1 keep it.

The scoring rules v2 read the codes they name from the version (`verdict_rules`). Version 1 uses
exactly the same codes (the rules name only items, criteria and metrics both versions share), so
its rows get the same section; its checksum and texts are untouched.
"""

from django.db import migrations

from maturity.loader import load_model_data, read_model_file, unload_model_version

DATA_FILE = "model_v2.yaml"


def load_version_2(apps, schema_editor):
    data = read_model_file(DATA_FILE)
    ModelVersion = apps.get_model("maturity", "ModelVersion")
    ModelVersion.objects.filter(version="1").update(verdict_rules=data["verdict_rules"])
    load_model_data(apps, data)


def unload_version_2(apps, schema_editor):
    unload_model_version(apps, "2")
    ModelVersion = apps.get_model("maturity", "ModelVersion")
    ModelVersion.objects.filter(version="1").update(is_current=True)


class Migration(migrations.Migration):
    dependencies = [("maturity", "0005_verdict_rules_choice_metrics")]

    operations = [migrations.RunPython(load_version_2, unload_version_2)]
