from django import forms

from kyoso.core.forms import NormalizedCharField
from kyoso.sitepages.models import SitePage, SiteSettings


class SitePageForm(forms.ModelForm):
    title_ja = NormalizedCharField(max_length=100)
    title_en = NormalizedCharField(max_length=100, required=False)

    class Meta:
        model = SitePage
        fields = ["title_ja", "body_ja", "title_en", "body_en"]


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = ["site_name", "require_two_factor_for_staff"]
