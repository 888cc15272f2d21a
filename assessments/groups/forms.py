"""The forms of groups: a new group, its admins and regions, inviting or creating a store, and
the store owner's consent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms import NoFormTagHelper, single_line
from assessments.models import CityTier, CompanyType, GroupKind, Province

MAX_REGIONS = 50


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()


class GroupForm(_Form):
    name = forms.CharField(label=_("集团/网络名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=GroupKind.choices)
    regions = forms.CharField(
        label=_("区域"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个区域,例如:华东区。以后也可以再添加。"),
    )

    def clean_name(self):
        return single_line(self.cleaned_data["name"].strip())

    def clean_regions(self):
        names = []
        for line in self.cleaned_data["regions"].replace(",", "\n").replace(",", "\n").splitlines():
            name = line.strip()
            if not name:
                continue
            if len(name) > 50:
                raise forms.ValidationError(_("区域名称最多 50 个字。"))
            if name not in names:
                names.append(name)
        if len(names) > MAX_REGIONS:
            raise forms.ValidationError(_("最多 %(max)s 个区域。") % {"max": MAX_REGIONS})
        return names


class AdminForm(_Form):
    email = forms.EmailField(
        label=_("管理员邮箱"),
        max_length=254,
        help_text=_("对方需要已有账号(用这个邮箱注册)。"),
    )


class RegionForm(_Form):
    name = forms.CharField(label=_("区域名称"), max_length=50)

    def clean_name(self):
        return single_line(self.cleaned_data["name"].strip())


class _RegionChoice(_Form):
    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("不分区域"))] + [(r.pk, r.name) for r in regions]
        self._regions = {str(r.pk): r for r in regions}

    def clean_region(self):
        value = self.cleaned_data.get("region")
        return self._regions.get(str(value)) if value else None


class InviteStoreForm(_RegionChoice):
    email = forms.EmailField(label=_("门店负责人邮箱"), max_length=254)
    region = forms.ChoiceField(label=_("区域"), required=False)
    city = forms.CharField(label=_("城市"), max_length=50, required=False)

    def clean_city(self):
        return single_line(self.cleaned_data["city"].strip())


class StoreCreateForm(_RegionChoice):
    name = forms.CharField(label=_("门店名称"), max_length=100)
    type = forms.ChoiceField(label=_("企业类型"), choices=CompanyType.choices)
    province = forms.ChoiceField(label=_("所在省份"), choices=Province.choices)
    city_tier = forms.ChoiceField(label=_("城市级别"), choices=CityTier.choices)
    city = forms.CharField(label=_("城市"), max_length=50)
    region = forms.ChoiceField(label=_("区域"), required=False)
    contact_name = forms.CharField(label=_("门店负责人"), max_length=50)
    email = forms.EmailField(
        label=_("门店负责人邮箱"),
        max_length=254,
        help_text=_("对方会收到接管链接:接受后成为这家门店的管理者,并同意集团查看其结果。"),
    )

    def clean_name(self):
        return single_line(self.cleaned_data["name"].strip())

    def clean_city(self):
        return single_line(self.cleaned_data["city"].strip())

    def clean_contact_name(self):
        return single_line(self.cleaned_data["contact_name"].strip())


class ConsentForm(_Form):
    company = forms.ChoiceField(label=_("加入集团的企业"), widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_("我同意该集团的管理员查看这家企业已提交的自测结果和报告(只读)。可以随时退出。"),
        error_messages={"required": _("加入前请勾选同意。")},
    )

    def __init__(self, *args, companies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._companies = {str(c.pk): c for c in companies}
        self.fields["company"].choices = [(str(c.pk), c.name) for c in companies]
        if len(self._companies) == 1:
            self.fields["company"].initial = next(iter(self._companies))

    def clean_company(self):
        return self._companies[self.cleaned_data["company"]]


class HandoverForm(_Form):
    consent = forms.BooleanField(
        label=_(
            "我接管这家门店,成为它的管理者;同意该集团的管理员查看其已提交的自测结果和报告(只读)。可以随时退出。"
        ),
        error_messages={"required": _("接管前请勾选同意。")},
    )
