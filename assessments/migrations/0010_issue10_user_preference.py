"""UserPreference moves here from the maturity app, in Django's state only: the table keeps its
name (`maturity_userpreference`, the model's db_table) and its rows, and no SQL runs. The
content type is relabelled so its id and permissions stay with the model."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="assessments", model="userpreference").exists():
        ContentType.objects.filter(app_label="maturity", model="userpreference").update(
            app_label="assessments"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="maturity", model="userpreference").exists():
        ContentType.objects.filter(app_label="assessments", model="userpreference").update(
            app_label="maturity"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0009_networks_campaigns_notifications"),
        ("maturity", "0010_issue10_user_preference"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="UserPreference",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("language", models.CharField(max_length=10, verbose_name="界面语言")),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="language_preference",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "用户偏好",
                        "verbose_name_plural": "用户偏好",
                        "db_table": "maturity_userpreference",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
