"""Read-side queries of the issues app: visibility, the list with keyset pagination, the detail
page with everything it shows, the comment thread and the followers.

Every page reads a fixed number of queries whatever the number of issues or comments on it;
the tests assert the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.tuple_lookups import Tuple
from django.db.models.functions import Coalesce
from django.http import Http404

from kyoso.accounts.models import User
from kyoso.core import keyset
from kyoso.core.db_router import replica_reads
from kyoso.core.keyset import RowLessThan
from kyoso.issues.models import (
    Comment,
    Empathy,
    Follow,
    HelpOffer,
    Issue,
    IssueTag,
    StageChange,
)
from kyoso.issues.rules import VIEWER_ID, VIEWER_ORG_ROLE
from kyoso.roles.selectors import is_secretariat

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
#: At most this many search matches narrow a list (the search page shows all, ranked).
MAX_SEARCH_MATCHES = 5_000

#: Sort key → the column ordered on (descending, then id descending).
SORTS: dict[str, str] = {
    "new": "created_at",
    "empathy": "empathy_count",
    "activity": "last_activity_at",
}
DEFAULT_SORT = "new"


# --- Visibility ------------------------------------------------------------------------------


def visible_issues(viewer: Any) -> QuerySet[Issue]:
    """Issues ``viewer`` may open.

    Hidden issues and issues awaiting the secretariat's review are seen only by their poster
    and the secretariat; merged issues stay visible (their page points to the target).
    """
    queryset = Issue.objects.all()
    if is_secretariat(viewer):
        return queryset
    public = Q(hidden_at__isnull=True, awaiting_review=False)
    if viewer is not None and viewer.is_authenticated:
        return queryset.filter(public | Q(author_id=viewer.pk))
    return queryset.filter(public)


def listed_issues(viewer: Any) -> QuerySet[Issue]:
    """Issues shown in lists: visible ones, never hidden ones (not even to the secretariat)."""
    return visible_issues(viewer).filter(hidden_at__isnull=True)


def issue_followers(issue: Issue) -> QuerySet[User]:
    """Active people who follow the issue."""
    return User.objects.filter(
        issue_follows__issue_id=issue.pk, is_active=True, deleted_at__isnull=True
    ).order_by("id")


# --- The list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueFilters:
    stage: str = ""
    theme: str = ""
    sdg: str = ""
    target: str = ""
    wall: str = ""
    municipality: str = ""
    prefecture: str = ""
    query: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class IssuePage:
    items: list[Issue]
    sort: str
    next_cursor: str | None
    is_first: bool
    search_capped: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def encode_cursor(sort: str, issue: Issue) -> str:
    return keyset.encode_cursor(sort, getattr(issue, SORTS[sort]), issue.pk)


def decode_cursor(sort: str, cursor: str) -> tuple[Any, int]:
    """The (sort key, id) a cursor points after; raises CursorInvalid for anything else
    (garbage, or a cursor made for another sort)."""
    return keyset.decode_cursor(sort, cursor, count=SORTS[sort] == "empathy_count")


def _tagged(kind: str, value: str) -> Q:
    return Q(pk__in=IssueTag.objects.filter(kind=kind, value=value).values("issue_id"))


def _search_ids(query: str) -> tuple[list[int] | None, bool]:
    """Ids matching ``query`` from the search layer (ranked), and whether they were capped."""
    try:
        from kyoso.search.services import matching_ids
    except ImportError:
        return None, False
    ids = matching_ids(query, type="issues", limit=MAX_SEARCH_MATCHES + 1)
    return list(ids[:MAX_SEARCH_MATCHES]), len(ids) > MAX_SEARCH_MATCHES


def _text_fallback(query: str) -> Q:
    """Plain substring matching, used only while the search layer is not installed."""
    from kyoso.core.text import normalize_text

    condition = Q()
    for word in normalize_text(query).split(" "):
        if word:
            condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return condition


def filtered_issues(viewer: Any, filters: IssueFilters) -> tuple[QuerySet[Issue], bool]:
    queryset = listed_issues(viewer)
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    for kind, value in (
        (IssueTag.Kind.THEME, filters.theme),
        (IssueTag.Kind.SDG, filters.sdg),
        (IssueTag.Kind.TARGET, filters.target),
        (IssueTag.Kind.WALL, filters.wall),
    ):
        if value:
            queryset = queryset.filter(_tagged(kind, value))
    if filters.municipality:
        # A designated city includes its wards (仙台市 → 青葉区, 宮城野区, …).
        queryset = queryset.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    elif filters.prefecture:
        queryset = queryset.filter(municipality__prefecture_id=filters.prefecture)
    capped = False
    if filters.query:
        ids, capped = _search_ids(filters.query)
        queryset = (
            queryset.filter(pk__in=ids)
            if ids is not None
            else queryset.filter(_text_fallback(filters.query))
        )
    return queryset, capped


def list_columns(queryset: QuerySet[Issue]) -> QuerySet[Issue]:
    """What a list row shows: poster, organization, municipality and the tags (2 queries)."""
    return queryset.select_related(
        "author", "organization", "municipality__prefecture", "municipality__parent"
    ).prefetch_related(Prefetch("tags", queryset=IssueTag.objects.order_by("kind", "id")))


@replica_reads
def issue_page(
    viewer: Any,
    filters: IssueFilters,
    *,
    sort: str = DEFAULT_SORT,
    after: str = "",
    page_size: int = PAGE_SIZE,
) -> IssuePage:
    """One page of issues, newest / most empathized / most recently active first.

    Keyset pagination: ``after`` is the cursor of the last row of the previous page; the next
    page is the rows strictly after it in (sort key, id) order. Raises CursorInvalid for a
    cursor that cannot be read; a cursor past the end gives an empty page.
    """
    if sort not in SORTS:
        sort = DEFAULT_SORT
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    column = SORTS[sort]
    queryset, capped = filtered_issues(viewer, filters)
    if after:
        key, pk = decode_cursor(sort, after)
        queryset = queryset.filter(RowLessThan(Tuple(F(column), F("id")), (key, pk)))
    rows = list(list_columns(queryset).order_by(f"-{column}", "-id")[: page_size + 1])
    has_more = len(rows) > page_size
    items = rows[:page_size]
    return IssuePage(
        items=items,
        sort=sort,
        next_cursor=encode_cursor(sort, items[-1]) if has_more else None,
        is_first=not after,
        search_capped=capped,
    )


# --- The detail page -------------------------------------------------------------------------


def _count_of(model: type, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(issue_id=OuterRef("pk"), **filters)  # type: ignore[attr-defined]
        .order_by()
        .values("issue_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_viewer(queryset: QuerySet[Issue], viewer: Any) -> QuerySet[Issue]:
    """Annotate what the viewer has done on each issue, and their role in its organization."""
    if viewer is None or not viewer.is_authenticated:
        return queryset.annotate(
            viewer_empathy=Value(False), viewer_follows=Value(False), viewer_offered=Value(False)
        )
    from kyoso.orgs.models import Membership

    return queryset.annotate(
        viewer_empathy=Exists(Empathy.objects.filter(issue_id=OuterRef("pk"), user_id=viewer.pk)),
        viewer_follows=Exists(Follow.objects.filter(issue_id=OuterRef("pk"), user_id=viewer.pk)),
        viewer_offered=Exists(HelpOffer.objects.filter(issue_id=OuterRef("pk"), user_id=viewer.pk)),
        **{
            VIEWER_ORG_ROLE: Subquery(
                Membership.objects.filter(
                    organization_id=OuterRef("organization_id"), user_id=viewer.pk
                ).values("role")[:1]
            )
        },
    )


def _mark_viewer(issue: Issue, viewer: Any) -> Issue:
    if viewer is not None and viewer.is_authenticated:
        setattr(issue, VIEWER_ID, viewer.pk)
    return issue


def issue_for_viewer(pk: int, viewer: Any) -> Issue:
    """The issue for an action (POST endpoints): 404 when the viewer may not see it."""
    queryset = with_viewer(visible_issues(viewer).select_related("author", "organization"), viewer)
    try:
        issue = queryset.get(pk=pk)
    except Issue.DoesNotExist:
        raise Http404 from None
    return _mark_viewer(issue, viewer)


def issue_detail(pk: int, viewer: Any) -> Issue:
    """The issue with everything its page shows (5 queries); 404 when the viewer may not see it.

    1. the issue, its poster, organization, municipality, merge target and counts, plus the
       viewer's empathy, follow, offer and role in the posting organization
    2. its tags  3. its stage history with who changed it  4. its attachments
    """
    queryset = with_viewer(
        visible_issues(viewer)
        .select_related(
            "author",
            "organization",
            "municipality__prefecture",
            "municipality__parent",
            "merged_into",
        )
        .annotate(offer_count=_count_of(HelpOffer))
        .prefetch_related(
            Prefetch("tags", queryset=IssueTag.objects.order_by("kind", "id")),
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("actor").order_by("at", "id"),
            ),
            "attachments",
        ),
        viewer,
    )
    try:
        issue = queryset.get(pk=pk)
    except Issue.DoesNotExist:
        raise Http404 from None
    return _mark_viewer(issue, viewer)


@dataclass
class Thread:
    """A top-level comment and its replies (one level deep)."""

    comment: Comment
    replies: list[Comment]


#: Top-level comments (threads, each with all its replies) on one page of an issue.
COMMENT_PAGE_SIZE = 20
_COMMENT_CURSOR = "comments"


@dataclass
class CommentPage:
    """One page of an issue's threads, oldest first: ``next_cursor`` continues after the last
    thread; ``is_first`` is false when the page starts later (a cursor, or a linked comment)."""

    threads: list[Thread]
    next_cursor: str = ""
    is_first: bool = True


def comment_thread(issue: Issue) -> list[Thread]:
    """Every comment of the issue with its author, as threads, oldest first (one query)."""
    return _threads(
        Comment.objects.filter(issue_id=issue.pk)
        .select_related("author")
        .order_by("created_at", "id")
    )


def _threads(comments: Any) -> list[Thread]:
    threads: dict[int, Thread] = {}
    orphans: list[Comment] = []
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment=comment, replies=[])
        elif comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
        else:
            orphans.append(comment)
    for reply in orphans:  # a reply older than its parent (clock skew): keep it, never drop
        if reply.parent_id in threads:
            threads[reply.parent_id].replies.append(reply)
    return list(threads.values())


def comment_page(
    issue: Issue, *, after: str = "", at_comment: int | None = None, size: int = COMMENT_PAGE_SIZE
) -> CommentPage:
    """A page of ``size`` threads (a top-level comment and all its replies), oldest first, in
    one query: the page's top-level comments (one more, to know whether a page follows) and
    their replies, with authors.

    ``after`` is the cursor of the previous page's last thread (CursorInvalid if unreadable);
    ``at_comment`` starts the page at the thread holding that comment (a reply's parent), so
    that a link to a comment lands on the page that shows it (one more query to find it; an
    unknown comment gives the first page)."""
    tops = Comment.objects.filter(issue_id=issue.pk, parent_id__isnull=True)
    is_first = True
    if after:
        moment, pk = keyset.decode_cursor(_COMMENT_CURSOR, after)
        tops = tops.filter(keyset.RowGreaterThan(Tuple(F("created_at"), F("id")), (moment, pk)))
        is_first = False
    elif at_comment is not None:
        start = (
            Comment.objects.filter(issue_id=issue.pk, pk=at_comment)
            .annotate(
                thread_id=Coalesce("parent_id", "id"),
                thread_at=Coalesce("parent__created_at", "created_at"),
            )
            .values_list("thread_at", "thread_id")
            .first()
        )
        if start is not None:
            first = tops.order_by("created_at", "id").values_list("id", flat=True).first()
            if start[1] != first:
                key = Tuple(F("created_at"), F("id"))
                tops = tops.filter(Q(keyset.RowGreaterThan(key, start)) | Q(pk=start[1]))
                is_first = False
    ids = tops.order_by("created_at", "id").values("id")[: size + 1]
    threads = _threads(
        Comment.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids))
        .select_related("author")
        .order_by("created_at", "id")
    )
    threads.sort(key=lambda t: (t.comment.created_at, t.comment.pk))
    more = len(threads) > size
    threads = threads[:size]
    last = threads[-1].comment if threads else None
    cursor = (
        keyset.encode_cursor(_COMMENT_CURSOR, last.created_at, last.pk) if more and last else ""
    )
    return CommentPage(threads=threads, next_cursor=cursor, is_first=is_first)


def comment_of(issue: Issue, comment_id: int) -> Comment:
    try:
        comment = Comment.objects.select_related("author").get(pk=comment_id, issue_id=issue.pk)
    except Comment.DoesNotExist:
        raise Http404 from None
    comment.issue = issue
    return comment


def offers_for(issue: Issue) -> QuerySet[HelpOffer]:
    return (
        HelpOffer.objects.filter(issue_id=issue.pk)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


def posting_organizations(user: Any) -> QuerySet:
    """Organizations the person belongs to (any role), by name: they may post as these."""
    from kyoso.orgs.models import Organization

    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user_id=user.pk).order_by("name", "id")


def issues_of_author(user: Any) -> QuerySet[Issue]:
    return Issue.objects.filter(author_id=user.pk).order_by("created_at", "id")
