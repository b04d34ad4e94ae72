"""The search app's own pages: the secretariat's local synonyms.

The search page itself is kyoso.core.views.search."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kyoso.core.policy import rule_required
from kyoso.search import messages, synonyms_services
from kyoso.search.forms import LocalSynonymGroupForm
from kyoso.search.models import LocalSynonymGroup
from kyoso.search.selectors import local_synonym_group, local_synonym_groups

MANAGE = "search.manage_synonyms"
PAGE_SIZE = 50


def _group(request: HttpRequest, pk: int) -> LocalSynonymGroup:
    group = local_synonym_group(pk)
    if group is None:
        raise Http404
    return group


def _render_form(
    request: HttpRequest, form: LocalSynonymGroupForm, group: LocalSynonymGroup | None = None
) -> HttpResponse:
    return render(
        request,
        "search/synonym_form.html",
        {"form": form, "group": group},
        status=400 if form.errors else 200,
    )


def _refused(form: LocalSynonymGroupForm, refused: synonyms_services.LocalSynonymsRefused) -> None:
    for problem in refused.problems:
        form.add_error("words", str(problem))


@rule_required(MANAGE)
def synonym_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(local_synonym_groups(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "search/synonym_list.html", {"page": page})


@rule_required(MANAGE)
@require_http_methods(["GET", "POST"])
def synonym_add(request: HttpRequest) -> HttpResponse:
    form = LocalSynonymGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = synonyms_services.local_synonym_group_create(
                actor=request.user,
                words=form.cleaned_data["words"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except synonyms_services.LocalSynonymsRefused as refused:
            _refused(form, refused)
        else:
            flash.success(request, messages.SYNONYMS_ADDED % {"words": group})
            return redirect("search:synonyms")
    return _render_form(request, form)


@rule_required(MANAGE, get_object=_group)
@require_http_methods(["GET", "POST"])
def synonym_edit(request: HttpRequest, pk: int, obj: LocalSynonymGroup) -> HttpResponse:
    if request.method != "POST":
        return _render_form(
            request, LocalSynonymGroupForm(initial=LocalSynonymGroupForm.initial_for(obj)), obj
        )
    form = LocalSynonymGroupForm(request.POST)
    if form.is_valid():
        try:
            changed = synonyms_services.local_synonym_group_update(
                actor=request.user,
                group=obj,
                words=form.cleaned_data["words"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except synonyms_services.LocalSynonymsRefused as refused:
            _refused(form, refused)
        else:
            if changed is None:
                flash.info(request, messages.SYNONYMS_UNCHANGED)
            else:
                flash.success(request, messages.SYNONYMS_CHANGED % {"words": changed})
            return redirect("search:synonyms")
    return _render_form(request, form, obj)


@rule_required(MANAGE, get_object=_group)
@require_http_methods(["GET", "POST"])
def synonym_delete(request: HttpRequest, pk: int, obj: LocalSynonymGroup) -> HttpResponse:
    if request.method != "POST":
        return render(request, "search/synonym_delete.html", {"group": obj})
    words = str(obj)
    if synonyms_services.local_synonym_group_delete(actor=request.user, group=obj, request=request):
        flash.success(request, messages.SYNONYMS_DELETED % {"words": words})
    else:
        flash.info(request, messages.SYNONYMS_ALREADY_DELETED)
    return redirect("search:synonyms")
