"""Loads version 1 of the maturity model (transcribed from the seed) as reference data."""

from django.db import migrations

from maturity.loader import load_model_data, read_model_file

DATA_FILE = "model_v1.yaml"


def load_version_1(apps, schema_editor):
    load_model_data(apps, read_model_file(DATA_FILE))


def unload_version_1(apps, schema_editor):
    ModelVersion = apps.get_model("maturity", "ModelVersion")
    version = ModelVersion.objects.filter(version="1").first()
    if version is None:
        return
    for model_name in (
        "GlossaryTerm",
        "Homework",
        "IronLaw",
        "Dimension",
        "Criterion",
        "Metric",
        "ChecklistItem",
        "Level",
    ):
        apps.get_model("maturity", model_name).objects.filter(version=version).delete()
    version.delete()


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_initial")]

    operations = [migrations.RunPython(load_version_1, unload_version_1)]
