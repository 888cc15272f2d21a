"""Factories of the campaign tests: a group with its admin, a campaign, a store list file."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

from assessments.campaigns import services
from assessments.models import GroupAdmin, GroupRegion, StoreGroup
from maturity.selectors import current_version
from tests.factories import make_user

HEADER = ["门店名称", "企业类型", "所在省份", "城市", "联系人", "邮箱", "手机"]


def make_group(admin=None, *, name="测试集团", regions=("华东区", "华南区")):
    admin = admin or make_user()
    group = StoreGroup.objects.create(name=name, kind="dealer_group", created_by=admin)
    GroupAdmin.objects.create(group=group, user=admin)
    for position, region in enumerate(regions):
        GroupRegion.objects.create(group=group, name=region, position=position)
    return group


def make_campaign(group=None, *, name="T1", days=14, reminder_days=(7, 3, 1)):
    group = group or make_group()
    return services.create_campaign(
        group=group,
        user=group.admins.first().user,
        name=name,
        deadline=timezone.localdate() + timedelta(days=days),
        model_version=current_version(),
        reminder_days=list(reminder_days),
    )


def store_rows(count: int, *, prefix="store") -> list[list[str]]:
    return [
        [
            f"{prefix}门店{n:05d}",
            "4S店" if n % 2 else "independent",
            "浙江省" if n % 3 else "shanghai",
            "杭州" if n % 3 else "上海",
            f"联系人{n}",
            f"{prefix}{n}@example.com",
            f"138{n:08d}",
        ]
        for n in range(1, count + 1)
    ]


def csv_bytes(rows, *, header=HEADER, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, header=HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
