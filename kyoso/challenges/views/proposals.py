"""Proposing to a challenge, a proposal's page (the proposing organization and the poster's
reviewers only: 404 for everyone else), editing it, its PDFs, the reviewers' list and
"my proposals"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from kyoso.challenges import messages, selectors
from kyoso.challenges.forms import ProposalForm
from kyoso.challenges.models import Challenge, Proposal, ProposalAttachment
from kyoso.challenges.rules import visible_or_404
from kyoso.challenges.services import proposals
from kyoso.challenges.services.common import ChallengeError
from kyoso.core.policy import check, rule_required


def _uploads(files: list[Any]) -> list[proposals.Upload]:
    return [proposals.check_pdf(f.name, f.read()) for f in files]


def _challenge(request: HttpRequest, pk: int, **kwargs: Any) -> Challenge:
    return visible_or_404(request.user, selectors.challenge_by_pk(pk))


@rule_required("challenges.add_proposal", get_object=_challenge)
def proposal_create(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    organizations = [
        o for o in selectors.managed_organizations(request.user) if proposals.may_propose_as(obj, o)
    ]
    form = ProposalForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposals.proposal_submit(
                actor=request.user,
                challenge=obj,
                organization=form.cleaned_data["organization"],
                data=form.cleaned_data,
                uploads=_uploads(form.cleaned_data["pdfs"]),
                request=request,
            )
        except ChallengeError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.PROPOSED)
            return redirect("challenges:proposal", pk=proposal.pk)
    if request.method == "POST" and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "challenges/propose.html",
        {"form": form, "challenge": obj, "organizations": organizations},
        status=400 if request.method == "POST" else 200,
    )


def _proposal(request: HttpRequest, pk: int, **kwargs: Any) -> Proposal:
    proposal = selectors.proposal_detail(pk)
    if not check("challenges.view_proposal", request.user, proposal):
        raise Http404  # a proposal one may not see does not exist for them
    return proposal


@rule_required("challenges.view_proposal", get_object=_proposal)
def proposal_detail(request: HttpRequest, pk: int, obj: Proposal) -> HttpResponse:
    return render(
        request,
        "challenges/proposal.html",
        {
            "proposal": obj,
            "challenge": obj.challenge,
            "attachments": list(obj.attachments.all()),
            "can_edit": check("challenges.change_proposal", request.user, obj)
            and not obj.outcome
            and proposals.proposals_open(obj.challenge),
        },
    )


@rule_required("challenges.change_proposal", get_object=_proposal)
def proposal_edit(request: HttpRequest, pk: int, obj: Proposal) -> HttpResponse:
    initial = {f: getattr(obj, f) for f in proposals.FIELDS}
    form = ProposalForm(request.POST or None, request.FILES or None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposals.proposal_update(
                actor=request.user,
                proposal=obj,
                data=form.cleaned_data,
                uploads=_uploads(form.cleaned_data["pdfs"]),
                request=request,
            )
        except ChallengeError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.PROPOSAL_SAVED)
            return redirect("challenges:proposal", pk=obj.pk)
    if request.method == "POST" and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "challenges/propose.html",
        {"form": form, "challenge": obj.challenge, "proposal": obj},
        status=400 if request.method == "POST" else 200,
    )


def _attachment(request: HttpRequest, pk: int, attachment_id: int, **kwargs: Any) -> Any:
    proposal = _proposal(request, pk)
    return get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=proposal)


@require_GET
@rule_required("challenges.view_proposal", get_object=_attachment)
def attachment_download(
    request: HttpRequest, pk: int, attachment_id: int, obj: ProposalAttachment
) -> FileResponse:
    response = FileResponse(obj.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + _quote(obj.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@require_POST
@rule_required("challenges.change_proposal", get_object=_attachment)
def attachment_remove(
    request: HttpRequest, pk: int, attachment_id: int, obj: ProposalAttachment
) -> HttpResponse:
    try:
        proposals.attachment_remove(actor=request.user, attachment=obj, request=request)
    except ChallengeError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.ATTACHMENT_REMOVED)
    return redirect("challenges:proposal", pk=pk)


def _listed_for_reviewer(request: HttpRequest, pk: int, **kwargs: Any) -> Challenge:
    challenge = visible_or_404(request.user, selectors.challenge_by_pk(pk))
    if not check("challenges.view_proposals", request.user, challenge):
        raise Http404
    return challenge


@rule_required("challenges.view_proposals", get_object=_listed_for_reviewer)
def proposal_list(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    return render(
        request,
        "challenges/proposals.html",
        {"challenge": obj, "proposals": selectors.proposals_for_reviewers(obj)},
    )


@rule_required("challenges.list_my_proposals")
def my_proposals(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "challenges/mine.html",
        {
            "proposals": selectors.my_proposals(request.user),
            "challenges": selectors.my_challenges(request.user),
            "organizations": [
                o
                for o in selectors.managed_organizations(request.user)
                if check("challenges.add_challenge", request.user, o)
            ],
        },
    )


urlpatterns = [
    path("mine/", my_proposals, name="mine"),
    path("<int:pk>/propose/", proposal_create, name="propose"),
    path("<int:pk>/proposals/", proposal_list, name="proposals"),
    path("proposals/<int:pk>/", proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", proposal_edit, name="proposal_edit"),
    path(
        "proposals/<int:pk>/files/<int:attachment_id>/",
        attachment_download,
        name="attachment",
    ),
    path(
        "proposals/<int:pk>/files/<int:attachment_id>/remove/",
        attachment_remove,
        name="attachment_remove",
    ),
]
