"""The web page where a person issues and revokes their personal API tokens."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages as flash
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kyoso.api.models import ApiToken, TokenScope
from kyoso.api.selectors import api_tokens_of_user
from kyoso.api.services import api_token_create, api_token_revoke
from kyoso.core import ratelimit
from kyoso.core.forms import NormalizedCharField
from kyoso.core.http import AuthenticatedHttpRequest
from kyoso.core.policy import rule_required

TOKEN_REVOKED = _("トークンを失効させました。")
TOKEN_CREATED = _(
    "トークンを発行しました。この画面を離れると二度と表示されません。今すぐ控えてください。"
)

EXPIRY_CHOICES = [("30", _("30日")), ("90", _("90日")), ("365", _("1年")), ("", _("無期限"))]


class TokenForm(forms.Form):
    name = NormalizedCharField(
        label=_("名前"), max_length=100, help_text=_("用途が分かる名前（例：オープンデータ連携）")
    )
    scope = forms.ChoiceField(label=_("スコープ"), choices=TokenScope.choices)
    expires_in_days = forms.ChoiceField(
        label=_("有効期限"), choices=EXPIRY_CHOICES, required=False, initial="90"
    )


def _own_token(request: AuthenticatedHttpRequest, pk: int) -> ApiToken:
    # Someone else's token is "not found", not "forbidden": its id stays unknown. An anonymous
    # visitor gets the login page from the rule, as on every page (hidden_unless_visible).
    if not request.user.is_authenticated:
        return get_object_or_404(ApiToken, pk=pk)
    return get_object_or_404(api_tokens_of_user(request.user), pk=pk)


@rule_required("api.view_own_tokens")
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    issued = None
    wait = ratelimit.refuse_form(request, form, "api_token")
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["expires_in_days"]
        issued = api_token_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            scopes=[form.cleaned_data["scope"]],
            expires_at=timezone.now() + timedelta(days=int(days)) if days else None,
            request=request,
        )
        flash.success(request, TOKEN_CREATED)
        form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "issued": issued,
            "tokens": api_tokens_of_user(request.user),
            "now": timezone.now(),
        },
    )
    return ratelimit.answer(response, wait)


@rule_required("api.revoke_token", get_object=_own_token)
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int, obj: ApiToken) -> HttpResponse:
    api_token_revoke(actor=request.user, token=obj, request=request)
    flash.success(request, TOKEN_REVOKED)
    return redirect("tokens:list")
