"""The secretariat's upload form for past events."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyoso.events import messages_attendance as messages
from kyoso.events.services.importing import WEB_MAX_BYTES, WEB_MAX_ROWS

ORGANIZATION_UNKNOWN = _(
    "「%(slug)s」という団体はありません。団体のURL用の名前を入力してください。"
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSVファイル"),
        error_messages={"required": messages.IMPORT_NO_FILE, "empty": messages.IMPORT_NO_FILE},
        # Lazy as a whole: formatting a lazy message at import would freeze it in Japanese.
        help_text=lazy(
            lambda: (
                gettext(
                    "UTF-8またはShift_JIS（Excelの「CSV（コンマ区切り）」）。%(size)s・%(rows)s行まで。"
                )
                % {"size": "2 MB", "rows": WEB_MAX_ROWS}
            ),
            str,
        )(),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    organization = forms.CharField(
        label=_("主催団体（URL用の名前、任意）"),
        required=False,
        max_length=60,
        help_text=_("例: sendai-miyagi-social-hub。空なら団体なしで取り込みます。"),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > WEB_MAX_BYTES:
            raise forms.ValidationError(
                messages.IMPORT_TOO_LARGE,
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(WEB_MAX_BYTES),
                    "rows": WEB_MAX_ROWS,
                },
            )
        return upload

    def clean_organization(self) -> Any:
        from kyoso.orgs.models import Organization

        slug = self.cleaned_data["organization"].strip()
        if not slug:
            return None
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise forms.ValidationError(messages.IMPORT_UNKNOWN_ORGANIZATION, params={"slug": slug})
        return organization
