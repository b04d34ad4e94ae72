"""Rules of the screening app (``screening.<verb>_<model>``), registered by register().

Who is who in a round, for one viewer (:class:`ViewerFacts`, read once per round and viewer and
kept on the round object, so a page asking a rule per item asks the database a fixed number of
times):

- a *manager*: an owner or admin of the round's organization (the poster);
- a *reviewer*: a :class:`~kyoso.screening.models.Reviewer` row; a *decider* has ``may_decide``;
- *conflicted* on an item: declared a conflict on it, is one of its applying people, or is a
  member (any role) of its applying organization (read with ``kyoso.orgs.selectors``).

The table (``tests/test_rules.py`` enumerates it):

- view a round (its items, decisions): reviewers and managers; nobody else learns it exists;
- manage a round (criteria, reviewers, the CSV): managers;
- see the round's summary: managers and deciders (rows they may not see scores of are blanked);
- score an item, declare a conflict on it: reviewers, on an item still screened, not conflicted
  (the service adds the deadline and answers a conflicted reviewer with its message);
- see the scores of an item: never when conflicted, nor when applying in the round (in person
  or through an organization: the other subjects are competitors); a reviewer only once they
  submitted their own (no anchoring); a manager who is not a reviewer at once;
- decide an item: deciders and managers who are not conflicted on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules

from kyoso.screening.models import ScreeningItem, ScreeningRound
from kyoso.screening.subjects import SubjectInfo, describe

#: Attribute where the round keeps (viewer id, ViewerFacts).
VIEWER_FACTS = "_screening_viewer_facts"
#: Attribute where an item keeps its SubjectInfo (set in batch by the selectors).
SUBJECT_INFO = "subject_info"


@dataclass(frozen=True)
class ViewerFacts:
    user_id: int | None
    is_manager: bool = False
    is_reviewer: bool = False
    may_decide: bool = False
    organization_ids: frozenset[int] = frozenset()
    declared_item_ids: frozenset[int] = frozenset()
    submitted_item_ids: frozenset[int] = frozenset()


NOBODY = ViewerFacts(user_id=None)


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def facts(user: Any, round: ScreeningRound) -> ViewerFacts:
    """What the viewer is in the round (four queries, then kept on the round)."""
    if round is None or round.pk is None or not _authenticated(user):
        return NOBODY
    kept = getattr(round, VIEWER_FACTS, None)
    if kept is not None and kept[0] == user.pk:
        return kept[1]
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user
    from kyoso.screening.models import ConflictDeclaration, Reviewer, ReviewSubmission

    roles = dict(memberships_of_user(user).values_list("organization_id", "role"))
    reviewer = (
        Reviewer.objects.filter(round_id=round.pk, user_id=user.pk)
        .values_list("may_decide", flat=True)
        .first()
    )
    declared = ConflictDeclaration.objects.filter(item__round_id=round.pk, user_id=user.pk)
    submitted = ReviewSubmission.objects.filter(item__round_id=round.pk, user_id=user.pk)
    answer = ViewerFacts(
        user_id=user.pk,
        is_manager=roles.get(round.organization_id) in MANAGER_ROLES,
        is_reviewer=reviewer is not None,
        may_decide=bool(reviewer),
        organization_ids=frozenset(roles),
        declared_item_ids=frozenset(declared.values_list("item_id", flat=True)),
        submitted_item_ids=frozenset(submitted.values_list("item_id", flat=True)),
    )
    setattr(round, VIEWER_FACTS, (user.pk, answer))
    return answer


def forget(round: ScreeningRound) -> None:
    """Drop the kept facts (after a write that changes them)."""
    if hasattr(round, VIEWER_FACTS):
        delattr(round, VIEWER_FACTS)


def subject_info(item: ScreeningItem) -> SubjectInfo:
    info = getattr(item, SUBJECT_INFO, None)
    if info is None:
        info = describe(item.round.subject_kind, [item.subject_id])[item.subject_id]
        setattr(item, SUBJECT_INFO, info)
    return info


def conflict_of(f: ViewerFacts, item: ScreeningItem) -> str | None:
    """Why the viewer is conflicted on the item ("declared", "applicant", "organization"),
    or None."""
    if f.user_id is None:
        return None
    if item.pk in f.declared_item_ids:
        return "declared"
    info = subject_info(item)
    if f.user_id in info.person_ids:
        return "applicant"
    if info.organization_id is not None and info.organization_id in f.organization_ids:
        return "organization"
    return None


def is_conflicted_on(user: Any, item: ScreeningItem) -> bool:
    return conflict_of(facts(user, item.round), item) is not None


#: Attribute where the round keeps (viewer id, competes?) — see :func:`competes_in`.
VIEWER_COMPETES = "_screening_viewer_competes"
#: Attribute where a selector that described every item of the round keeps their SubjectInfo.
ALL_SUBJECTS = "_screening_all_subjects"


def competes_in(user: Any, round: ScreeningRound) -> bool:
    """Whether the viewer applies in the round, in person or through an organization they
    belong to: such a viewer reads no one's scores in it (not only their own subject's), since
    the other subjects are their competitors. Asked only when the answer matters, and kept on
    the round (at most three queries, none when a selector already described every item)."""
    f = facts(user, round)
    if f.user_id is None:
        return False
    kept = getattr(round, VIEWER_COMPETES, None)
    if kept is not None and kept[0] == f.user_id:
        return bool(kept[1])
    infos = getattr(round, ALL_SUBJECTS, None)
    if infos is None:
        subject_ids = list(
            ScreeningItem.objects.filter(round_id=round.pk).values_list("subject_id", flat=True)
        )
        infos = list(describe(round.subject_kind, subject_ids).values())
    answer = any(
        f.user_id in info.person_ids
        or (info.organization_id is not None and info.organization_id in f.organization_ids)
        for info in infos
    )
    setattr(round, VIEWER_COMPETES, (f.user_id, answer))
    return answer


def may_see_scores_of(user: Any, item: ScreeningItem) -> bool:
    f = facts(user, item.round)
    if f.user_id is None or conflict_of(f, item) is not None:
        return False
    seen = item.pk in f.submitted_item_ids if f.is_reviewer else f.is_manager
    return seen and not competes_in(user, item.round)


def scores_visible_in(user: Any, round: ScreeningRound) -> Callable[[ScreeningItem], bool]:
    """:func:`may_see_scores_of` for many items of one round: the viewer's facts read once, then
    a test per item (the summary's 500 rows). Call it after a selector described every item
    (``ALL_SUBJECTS``), or :func:`competes_in` reads the subjects once."""
    f = facts(user, round)
    if f.user_id is None or not (f.is_reviewer or f.is_manager) or competes_in(user, round):
        return lambda item: False

    def visible(item: ScreeningItem) -> bool:
        if conflict_of(f, item) is not None:
            return False
        return item.pk in f.submitted_item_ids if f.is_reviewer else f.is_manager

    return visible


def round_of(obj: Any) -> ScreeningRound | None:
    if isinstance(obj, ScreeningRound):
        return obj
    if isinstance(obj, ScreeningItem):
        return obj.round
    return None


# --- Predicates ------------------------------------------------------------------------------


@rules.predicate
def is_round(user, obj) -> bool:
    return isinstance(obj, ScreeningRound)


@rules.predicate
def is_item(user, obj) -> bool:
    return isinstance(obj, ScreeningItem)


@rules.predicate
def is_manager(user, obj) -> bool:
    r = round_of(obj)
    return r is not None and facts(user, r).is_manager


@rules.predicate
def is_reviewer(user, obj) -> bool:
    r = round_of(obj)
    return r is not None and facts(user, r).is_reviewer


@rules.predicate
def is_decider(user, obj) -> bool:
    r = round_of(obj)
    return r is not None and facts(user, r).may_decide


@rules.predicate
def is_conflicted(user, obj) -> bool:
    return isinstance(obj, ScreeningItem) and is_conflicted_on(user, obj)


@rules.predicate
def is_screened(user, obj) -> bool:
    """The item is still screened (not withdrawn by its app)."""
    return isinstance(obj, ScreeningItem) and obj.withdrawn_at is None


@rules.predicate
def sees_scores(user, obj) -> bool:
    return isinstance(obj, ScreeningItem) and may_see_scores_of(user, obj)


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    rules.set_perm("screening.view_round", is_round & (is_reviewer | is_manager))
    rules.set_perm("screening.manage_round", is_round & is_manager)
    rules.set_perm("screening.view_summary", is_round & (is_manager | is_decider))
    rules.set_perm("screening.export_scores", is_round & (is_manager | is_decider))
    rules.set_perm("screening.view_item", is_item & (is_reviewer | is_manager))
    rules.set_perm("screening.score_item", is_item & is_screened & is_reviewer & ~is_conflicted)
    rules.set_perm("screening.declare_conflict", is_item & is_screened & is_reviewer)
    rules.set_perm("screening.view_scores", is_item & sees_scores)
    rules.set_perm("screening.decide_item", is_item & (is_decider | is_manager) & ~is_conflicted)
