"""Loads version 1 of the maturity model (transcribed from the seed) as reference data."""

from django.db import migrations

from maturity.loader import load_model_data, read_model_file, unload_model_version

DATA_FILE = "model_v1.yaml"


def load_version_1(apps, schema_editor):
    load_model_data(apps, read_model_file(DATA_FILE))


def unload_version_1(apps, schema_editor):
    unload_model_version(apps, "1")


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_initial")]

    operations = [migrations.RunPython(load_version_1, unload_version_1)]
