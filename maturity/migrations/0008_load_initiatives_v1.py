"""Loads version 1 of the initiative library (initiatives_v1.yaml): the initiatives keyed by the
checklist and criterion codes they move, and the company types' ceilings and OEM-owned items."""

from django.db import migrations

from maturity.initiatives import load_initiative_data, read_initiative_file

DATA_FILE = "initiatives_v1.yaml"


def load_version_1(apps, schema_editor):
    load_initiative_data(apps, read_initiative_file(DATA_FILE))


def unload_version_1(apps, schema_editor):
    Library = apps.get_model("maturity", "InitiativeLibrary")
    library = Library.objects.filter(version="1").first()
    if library is not None:
        apps.get_model("maturity", "Initiative").objects.filter(library=library).delete()
        library.delete()


class Migration(migrations.Migration):
    dependencies = [("maturity", "0007_initiative_library")]

    operations = [migrations.RunPython(load_version_1, unload_version_1)]
