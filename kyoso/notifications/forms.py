from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.notifications.models import EmailFrequency


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("メールでのお知らせ"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "サイト内の通知はいつでも届きます。ここではメールで受け取る頻度を選べます。"
            "まとめて送る場合は、1日または1週間分を1通のメールにします。"
        ),
        error_messages={"required": _("メールでのお知らせの受け取り方を選んでください。")},
    )
