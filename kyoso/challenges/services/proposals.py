"""Proposals to a challenge: one per organization, editable until the deadline, with PDF
attachments; and what a decision on a proposal does (called by the screening adapter inside
the decision's transaction).

A proposal is private to the proposing organization and the poster's reviewers; after the
decision the selected proposal's summary is shown on the challenge's page. Selecting a
proposal starts a trial project run by the poster organization (the projects app's public
services), at the stage 実験, with the proposal's submitter and the proposing organization's
managers as members; the proposer is told. A proposal not selected is told with the reason,
which it reads on its proposal's page.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.challenges import audit, messages, screening_link
from kyoso.challenges.models import (
    ATTACHMENT_BYTES_MAX,
    ATTACHMENTS_MAX,
    REASON_MAX,
    SHORT_MAX,
    TEXT_MAX,
    YEN_MAX,
    Challenge,
    ChallengeStatus,
    Proposal,
    ProposalAttachment,
    ProposalOutcome,
)
from kyoso.challenges.rules import manages
from kyoso.challenges.services.common import (
    ChallengeError,
    manager_ids,
    notify,
    require,
    too_long,
)
from kyoso.orgs.models import OrganizationType

PDF_MAGIC = b"%PDF-"
FIELDS = ("summary", "approach", "team", "cost_yen", "timeline")
LIMITS = {"summary": SHORT_MAX, "approach": TEXT_MAX, "team": SHORT_MAX, "timeline": SHORT_MAX}

#: Which proposer kind each organization type answers to.
KIND_OF_TYPE = {
    OrganizationType.COMPANY: "company",
    OrganizationType.LOCAL_GOVERNMENT: "local_government",
    OrganizationType.NPO: "npo",
    OrganizationType.COMMUNITY: "npo",
    OrganizationType.UNIVERSITY: "university",
}


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


def proposal_url(proposal: Proposal) -> str:
    return reverse("challenges:proposal", args=[proposal.pk])


def may_propose_as(challenge: Challenge, organization: Any) -> bool:
    """Whether ``organization``'s kind is one the challenge takes (and it is not the poster)."""
    if organization.pk == challenge.organization_id:
        return False
    if challenge.open_to_anyone:
        return True
    kind = KIND_OF_TYPE.get(organization.org_type)
    return kind is not None and bool(getattr(challenge, f"open_to_{kind}"))


def proposals_open(challenge: Challenge, today: date | None = None) -> bool:
    return challenge.status == ChallengeStatus.PUBLISHED and challenge.proposals_until >= (
        today or timezone.localdate()
    )


def _deadline_error(challenge: Challenge) -> ChallengeError:
    return ChallengeError(
        messages.PROPOSALS_CLOSED % {"date": challenge.proposals_until.isoformat()},
        "deadline_passed",
    )


def _check(data: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {key: str(data.get(key) or "").strip() for key in LIMITS}
    if not values["summary"]:
        raise ChallengeError(messages.TEXT_REQUIRED % {"field": "提案の概要"}, "required")
    if not values["approach"]:
        raise ChallengeError(messages.TEXT_REQUIRED % {"field": "解決の方法"}, "required")
    for key, limit in LIMITS.items():
        if len(values[key]) > limit:
            raise too_long(limit, values[key])
    cost = data.get("cost_yen")
    if cost is not None and (not isinstance(cost, int) or not 0 <= cost <= YEN_MAX):
        raise ChallengeError(messages.COST_INVALID, "cost_invalid")
    values["cost_yen"] = cost
    return values


def check_pdf(name: str, content: bytes) -> Upload:
    """A PDF by its magic bytes (the name and the browser's claimed type are not trusted)."""
    shown = (name or "").replace("\\", "/").rsplit("/", 1)[-1][:200] or "file.pdf"
    if not content:
        raise ChallengeError(messages.FILE_EMPTY % {"name": shown}, "file_empty")
    if len(content) > ATTACHMENT_BYTES_MAX:
        raise ChallengeError(
            messages.FILE_TOO_LARGE
            % {"name": shown, "limit": ATTACHMENT_BYTES_MAX // (1024 * 1024)},
            "file_too_large",
        )
    if not content.startswith(PDF_MAGIC):
        raise ChallengeError(messages.FILE_NOT_PDF % {"name": shown}, "file_not_pdf")
    return Upload(shown, content)


def _store(proposal: Proposal, upload: Upload, actor: Any) -> ProposalAttachment:
    attachment = ProposalAttachment(
        proposal=proposal, original_name=upload.name, size=len(upload.content), uploaded_by=actor
    )
    attachment.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(upload.content), save=False)
    attachment.save()
    return attachment


def _check_uploads(uploads: list[Upload], existing: int) -> None:
    if existing + len(uploads) > ATTACHMENTS_MAX:
        raise ChallengeError(messages.TOO_MANY_FILES % {"max": ATTACHMENTS_MAX}, "too_many_files")


def proposal_submit(
    *,
    actor: Any,
    challenge: Challenge,
    organization: Any,
    data: dict[str, Any],
    uploads: list[Upload] | None = None,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> Proposal:
    """Propose as ``organization`` (managed by ``actor``, of a kind the challenge takes)."""
    require("challenges.add_proposal", actor, challenge)
    if organization is None or not manages(actor, organization):
        raise ChallengeError(messages.ORGANIZATION_REQUIRED, "organization_required")
    if organization.pk == challenge.organization_id:
        raise ChallengeError(messages.OWN_CHALLENGE_PROPOSAL, "own_challenge")
    if not may_propose_as(challenge, organization):
        raise ChallengeError(messages.ORGANIZATION_NOT_ELIGIBLE, "not_eligible")
    if not proposals_open(challenge, today):
        raise _deadline_error(challenge)
    values = _check(data)
    uploads = list(uploads or [])
    _check_uploads(uploads, 0)
    if Proposal.objects.filter(challenge=challenge, organization=organization).exists():
        raise ChallengeError(messages.ALREADY_PROPOSED, "already_proposed")
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                challenge=challenge, organization=organization, submitted_by=actor, **values
            )
            for upload in uploads:
                _store(proposal, upload, actor)
            screening_link.item_add(challenge=challenge, proposal_id=proposal.pk)
            audit_record(
                actor=actor,
                action=audit.PROPOSAL_SUBMITTED,
                target=challenge,
                data={"proposal": proposal.pk, "organization": organization.pk},
                request=request,
            )
            notify(
                recipients=manager_ids(challenge.organization_id),
                kind="challenges.proposal",
                actor=actor,
                target=challenge,
                text=str(messages.NOTIFY_PROPOSAL % {"title": challenge.title}),
                url=proposal_url(proposal),
            )
    except IntegrityError:
        # The same organization's other click got there first (one proposal per organization).
        if Proposal.objects.filter(challenge=challenge, organization=organization).exists():
            raise ChallengeError(messages.ALREADY_PROPOSED, "already_proposed") from None
        raise
    return proposal


def _editable(proposal: Proposal, today: date | None) -> None:
    if proposal.outcome:
        raise ChallengeError(messages.PROPOSAL_DECIDED_LOCKED, "decided")
    if not proposals_open(proposal.challenge, today):
        raise _deadline_error(proposal.challenge)


def proposal_update(
    *,
    actor: Any,
    proposal: Proposal,
    data: dict[str, Any],
    uploads: list[Upload] | None = None,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> Proposal:
    """Edit the proposal (and add PDFs) until the challenge's deadline."""
    require("challenges.change_proposal", actor, proposal)
    _editable(proposal, today)
    values = _check(data)
    uploads = list(uploads or [])
    _check_uploads(uploads, proposal.attachments.count())
    with transaction.atomic():
        changed = [f for f in FIELDS if getattr(proposal, f) != values[f]]
        for field in FIELDS:
            setattr(proposal, field, values[field])
        proposal.save(update_fields=[*FIELDS, "updated_at"])
        for upload in uploads:
            _store(proposal, upload, actor)
        audit_record(
            actor=actor,
            action=audit.PROPOSAL_UPDATED,
            target=proposal.challenge,
            data={"proposal": proposal.pk, "fields": changed, "files": len(uploads)},
            request=request,
        )
    return proposal


def attachment_remove(
    *,
    actor: Any,
    attachment: ProposalAttachment,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> None:
    proposal = attachment.proposal
    require("challenges.change_proposal", actor, proposal)
    _editable(proposal, today)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=audit.ATTACHMENT_REMOVED,
            target=proposal.challenge,
            data={"proposal": proposal.pk, "name": attachment.original_name},
            request=request,
        )
        attachment.file.delete(save=False)
        attachment.delete()


# --- Decisions -----------------------------------------------------------------------------------


def proposal_decided(
    *, proposal_id: int, outcome: str, reason: str, actor: Any, request: HttpRequest | None = None
) -> Proposal:
    """Record a decision on the proposal (the screening adapter calls this inside the
    decision's transaction; decisions themselves are the screening app's append-only rows).

    SELECTED: the challenge moves to decided, a trial project starts and the proposer is told.
    NOT_SELECTED: the proposer is told, and reads the reason on the proposal's page.
    """
    from kyoso.challenges.services.challenges import challenge_mark_decided

    if outcome not in (o.value for o in ProposalOutcome if o.value):
        raise ChallengeError(messages.THEME_INVALID, "choice_invalid")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise too_long(REASON_MAX, reason)
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("challenge__organization", "organization")
            .get(pk=proposal_id)
        )
        challenge = proposal.challenge
        proposal.outcome = outcome
        proposal.outcome_reason = reason
        proposal.decided_at = timezone.now()
        fields = ["outcome", "outcome_reason", "decided_at"]
        audit_record(
            actor=actor,
            action=audit.PROPOSAL_DECIDED,
            target=challenge,
            data={"proposal": proposal.pk, "outcome": outcome},
            request=request,
        )
        recipients = sorted(
            {
                *manager_ids(proposal.organization_id),
                *([proposal.submitted_by_id] if proposal.submitted_by_id else []),
            }
        )
        if outcome == ProposalOutcome.SELECTED:
            challenge_mark_decided(actor=actor, challenge=challenge, reason=reason, request=request)
            if proposal.project_id is None:
                proposal.project_id = _start_trial_project(actor, proposal, request)
                fields.append("project_id")
            text = messages.NOTIFY_SELECTED
        elif outcome == ProposalOutcome.NOT_SELECTED:
            text = messages.NOTIFY_NOT_SELECTED
        else:
            text = messages.NOTIFY_SHORTLISTED
        proposal.save(update_fields=fields)
        notify(
            recipients=recipients,
            kind="challenges.decision",
            actor=actor,
            target=challenge,
            text=str(text % {"title": challenge.title}),
            url=proposal_url(proposal),
        )
    return proposal


def _start_trial_project(actor: Any, proposal: Proposal, request: HttpRequest | None) -> int:
    """The selected proposal becomes a project run by the poster organization (when the actor
    manages it), moved to 実験, with the proposer's people as members."""
    from django.contrib.auth import get_user_model

    from kyoso.projects.services.membership import member_add
    from kyoso.projects.services.partners import project_partner_add
    from kyoso.projects.services.projects import may_run_as, project_create
    from kyoso.projects.services.stages import project_change_stage

    challenge = proposal.challenge
    poster = challenge.organization
    body = "\n\n".join(
        part
        for part in (
            f"{poster.name} × {proposal.organization.name}",
            proposal.summary,
            proposal.approach,
            proposal.team,
            proposal.timeline,
        )
        if part
    )
    project = project_create(
        actor=actor,
        data={
            "title": challenge.title[:120],
            "goal": str(messages.TRIAL_PROJECT_GOAL % {"title": challenge.title})[:200],
            "body": body[:10_000],
            "organization": poster if may_run_as(actor, poster) else None,
            "municipalities": [challenge.municipality] if challenge.municipality_id else [],
            "issues": list(challenge.issues.all()),
            "themes": [challenge.theme] if challenge.theme else [],
            "latitude": challenge.latitude,
            "longitude": challenge.longitude,
        },
        request=request,
    )
    project_change_stage(actor=actor, project=project, to_stage="trial", request=request)
    project_partner_add(
        actor=actor,
        project=project,
        organization_id=proposal.organization_id,
        via=f"challenge:{challenge.pk}:proposal:{proposal.pk}",
        request=request,
    )
    people = {*manager_ids(proposal.organization_id)}
    if proposal.submitted_by_id:
        people.add(proposal.submitted_by_id)
    for user in get_user_model().objects.filter(pk__in=people, is_active=True):
        member_add(
            actor=actor,
            project=project,
            user=user,
            via=f"challenge:{challenge.pk}:proposal:{proposal.pk}",
            request=request,
        )
    return int(project.pk)
