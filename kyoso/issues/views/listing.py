"""The issue list (filters, sorts, keyset pages) and the issue page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.functional import SimpleLazyObject

from kyoso.core.home import versions_of
from kyoso.core.keyset import CursorInvalid
from kyoso.core.pagecache import LIST_SECONDS, anonymous_fragment
from kyoso.core.policy import check, public, rule_required
from kyoso.issues import messages, selectors
from kyoso.issues.forms import CommentForm, IssueFilterForm, OfferForm, StageForm
from kyoso.issues.models import Issue
from kyoso.issues.rules import COMMENT_EDIT_WINDOW, stage_choices_for
from kyoso.regions.selectors import municipality_choices, prefectures


def _prefecture_of(request: HttpRequest) -> str:
    """The prefecture whose municipalities the filter offers (from either parameter)."""
    code = request.GET.get("prefecture", "") or request.GET.get("municipality", "")[:2]
    return code if len(code) == 2 and code.isascii() and code.isdigit() else ""


@public
def issue_list(request: HttpRequest) -> HttpResponse:
    """The list; for signed-out visitors its body comes from the cache (kyoso.core.pagecache)
    until an issue changes."""
    content = anonymous_fragment(
        request,
        "issues.list",
        depends_on=["issues"],
        render=lambda: render_to_string(
            "issues/_list_content.html", _list_context(request), request=request
        ),
    )
    return render(request, "issues/list.html", {"content": content})


def _list_context(request: HttpRequest) -> dict[str, Any]:
    prefecture = _prefecture_of(request)
    form = IssueFilterForm(
        request.GET or None,
        prefectures=prefectures(),
        municipalities=municipality_choices([prefecture]) if prefecture else (),
    )
    values, dropped = form.filter_values() if request.GET else ({}, False)
    filters = selectors.IssueFilters(**values)
    sort = (form.cleaned_data.get("sort") if request.GET else "") or selectors.DEFAULT_SORT
    after = request.GET.get("after", "")[:200]
    notices = [messages.FILTER_INVALID] if dropped else []
    try:
        page = selectors.issue_page(request.user, filters, sort=sort, after=after)
    except CursorInvalid:
        notices.append(messages.CURSOR_INVALID)
        page = selectors.issue_page(request.user, filters, sort=sort)
    query = request.GET.copy()
    query.pop("after", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    return {
        "form": form,
        "page": page,
        "filters": filters,
        "filtered": filters.active,
        "notices": notices,
        "query_string": query.urlencode(),
        "sort_query_string": sort_query.urlencode(),
        "sort_choices": selectors.SORTS.keys(),
        "can_post": check("issues.add_issue", request.user),
    }


def detail_context(request: HttpRequest, issue: Issue, **forms: Any) -> dict[str, Any]:
    """Everything the issue page shows; ``forms`` replaces a blank form by a bound one."""
    user = request.user
    stages = stage_choices_for(user, issue)
    reply_to = forms.get("reply_to")
    can_view_offers = check("issues.view_offers", user, issue)
    can_offer = check("issues.offer_help", user, issue) and not getattr(
        issue, "viewer_offered", False
    )
    # Read only when the threads are rendered: a signed-out visitor's page takes them from the
    # cache while the issues version stands (its services bump it on every comment change).
    comments = SimpleLazyObject(lambda: _comment_page(request, issue, reply_to))
    anonymous = not user.is_authenticated and request.method == "GET"
    return {
        "issue": issue,
        "comments": comments,
        "threads": SimpleLazyObject(lambda: comments.threads),
        "comments_ttl": LIST_SECONDS if anonymous else 0,
        "comments_version": versions_of(["issues"])["issues"] if anonymous else "",
        "offers": list(selectors.offers_for(issue)) if can_view_offers else None,
        "show_poster": check("issues.view_poster", user, issue),
        "can_edit": check("issues.change_issue", user, issue),
        "can_empathize": check("issues.add_empathy", user, issue),
        "can_follow": check("issues.follow_issue", user, issue),
        "can_offer": can_offer,
        "can_comment": check("issues.add_comment", user, issue),
        "can_report": check("issues.report_issue", user, issue)
        and not check("issues.moderate_issue", user, issue),
        "is_poster": user.is_authenticated and issue.author_id == user.pk,
        "stage_form": forms.get("stage_form") or (StageForm(stages=stages) if stages else None),
        "comment_form": (None if reply_to else forms.get("comment_form")) or CommentForm(),
        "reply_form": forms.get("comment_form") if reply_to else None,
        "reply_to": reply_to,
        "offer_form": forms.get("offer_form") or (OfferForm() if can_offer else None),
        "edit_minutes": int(COMMENT_EDIT_WINDOW.total_seconds() // 60),
        "tombstone": messages.COMMENT_TOMBSTONE,
        "hidden_comment": messages.COMMENT_HIDDEN,
    }


def _comment_page(
    request: HttpRequest, issue: Issue, reply_to: int | None
) -> selectors.CommentPage:
    """The page of threads asked for: after ``comments_after`` (a cursor), or the page that
    shows ``comment`` (what links to a comment carry) or the thread being answered, else the
    first."""
    raw = request.GET.get("comment", "")
    at_comment = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else reply_to
    try:
        return selectors.comment_page(
            issue, after=request.GET.get("comments_after", "")[:200], at_comment=at_comment
        )
    except CursorInvalid:
        return selectors.comment_page(issue)


def render_detail(
    request: HttpRequest, issue: Issue, *, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request, "issues/detail.html", detail_context(request, issue, **forms), status=status
    )


def _issue_page(request: HttpRequest, pk: int, **kwargs: Any) -> Issue:
    return selectors.issue_detail(pk, request.user)


@rule_required("issues.view_issue", get_object=_issue_page)
def issue_detail(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    return render_detail(request, obj)


urlpatterns = [
    path("", issue_list, name="list"),
    path("<int:pk>/", issue_detail, name="detail"),
]
