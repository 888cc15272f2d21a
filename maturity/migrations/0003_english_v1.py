"""The English edition of model version 1, for databases that loaded v1 before it existed.

0002 loads whatever model_v1.yaml holds; databases migrated before the English slots were
filled in keep empty English texts (the version's checksum covers only the Chinese, codes and
rules, so the file still *is* version 1). This copies the file's English into the v1 rows in
place, matching rows by number or code and list items by position; on a fresh database it
rewrites the same texts. Nothing else changes, so assessments keep their version.
"""

from django.db import migrations

from maturity.loader import fill_translations, read_model_file

DATA_FILE = "model_v1.yaml"


def fill_english_v1(apps, schema_editor):
    fill_translations(apps, read_model_file(DATA_FILE))


class Migration(migrations.Migration):
    dependencies = [("maturity", "0002_load_model_v1")]

    # Going back leaves the English in place: it is harmless, and 0002's rows keep it anyway.
    operations = [migrations.RunPython(fill_english_v1, migrations.RunPython.noop)]
