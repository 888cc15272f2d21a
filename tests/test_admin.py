"""Admin screens for the model (read-only: a loaded version is never edited) and for the
product's own records."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "x-Very-long-9")
    client.force_login(user)
    return user


def test_every_registered_model_has_a_working_list_page(client, staff, content):
    for model in admin.site._registry:
        meta = model._meta
        response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert response.status_code == 200, meta.label


def test_the_model_is_read_only_in_the_admin(client, staff, content):
    item = content.checklist_by_code["L1.1"]
    assert client.get("/admin/maturity/checklistitem/add/").status_code == 403
    page = client.get(f"/admin/maturity/checklistitem/{item.pk}/change/")
    assert page.status_code == 200
    assert item.text_zh in page.content.decode()
    assert 'name="_save"' not in page.content.decode()


def test_the_admin_is_for_staff_only(client):
    client.force_login(
        get_user_model().objects.create_user("plain", "p@example.com", "x-Very-long-9")
    )
    response = client.get("/admin/maturity/level/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
