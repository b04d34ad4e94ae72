"""The discussion board: posts (pinned first, pages), a post with its comments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.communities import messages, selectors
from kyoso.communities.forms import CommentForm, PostForm
from kyoso.communities.models import BoardComment, BoardPost, Community
from kyoso.communities.services import board
from kyoso.communities.services.common import CommunityError
from kyoso.core import ratelimit
from kyoso.core.policy import check, rule_required


def _community(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return selectors.community_detail(slug, request.user)


def _post_page(request: HttpRequest, slug: str, post_id: int, **kwargs: Any) -> BoardPost:
    return selectors.post_detail(selectors.community_detail(slug, request.user), post_id)


def _post(request: HttpRequest, slug: str, post_id: int, **kwargs: Any) -> BoardPost:
    return selectors.post_in(selectors.community_detail(slug, request.user), post_id)


def _comment(
    request: HttpRequest, slug: str, post_id: int, comment_id: int, **kwargs: Any
) -> BoardComment:
    community = selectors.community_detail(slug, request.user)
    return selectors.comment_in(community, post_id, comment_id)


def _post_url(post: BoardPost) -> str:
    return reverse("communities:post", args=[post.community.slug, post.pk])


def _render_board(
    request: HttpRequest, community: Community, form: PostForm | None = None, status: int = 200
) -> HttpResponse:
    can_post = check("communities.post_board", request.user, community)
    return render(
        request,
        "communities/board.html",
        {
            "community": community,
            "page": selectors.board_page(community, request.GET.get("page")),
            "can_post": can_post,
            "form": form or (PostForm() if can_post else None),
            "tombstone": messages.POST_TOMBSTONE,
        },
        status=status,
    )


@rule_required("communities.view_board", get_object=_community)
def board_view(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    return _render_board(request, obj)


@rule_required("communities.post_board", get_object=_community)
@require_POST
def post_create(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    form = PostForm(request.POST)
    wait = ratelimit.refuse_form(request, form, "posting")
    if form.is_valid():
        try:
            post = board.post_create(
                actor=request.user,
                community=obj,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except CommunityError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.POST_CREATED)
            return redirect(_post_url(post))
    return ratelimit.answer(_render_board(request, obj, form, status=400), wait)


def _render_post(
    request: HttpRequest, post: BoardPost, form: CommentForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    can_comment = check("communities.comment_board", user, post)
    comments = list(post.comments.all())
    for comment in comments:
        comment.post = post  # the rules reach the community (and the viewer's membership)
    return render(
        request,
        "communities/post.html",
        {
            "community": post.community,
            "post": post,
            "comments": [(c, check("communities.delete_comment", user, c)) for c in comments],
            "can_comment": can_comment,
            "can_pin": check("communities.pin_post", user, post),
            "can_delete": check("communities.delete_post", user, post),
            "form": form or (CommentForm() if can_comment else None),
            "tombstone": messages.POST_TOMBSTONE,
            "comment_tombstone": messages.COMMENT_TOMBSTONE,
        },
        status=status,
    )


@rule_required("communities.view_board", get_object=_post_page)
def post_view(request: HttpRequest, slug: str, post_id: int, obj: BoardPost) -> HttpResponse:
    return _render_post(request, obj)


@rule_required("communities.comment_board", get_object=_post_page)
@require_POST
def comment_create(request: HttpRequest, slug: str, post_id: int, obj: BoardPost) -> HttpResponse:
    form = CommentForm(request.POST)
    wait = ratelimit.refuse_form(request, form, "posting", field="body")
    if form.is_valid():
        try:
            comment = board.comment_create(
                actor=request.user, post=obj, body=form.cleaned_data["body"]
            )
        except CommunityError as error:
            form.add_error("body", error.message)
        else:
            flash.success(request, messages.COMMENT_POSTED)
            return redirect(_post_url(obj) + f"#comment-{comment.pk}")
    return ratelimit.answer(_render_post(request, obj, form, status=400), wait)


@rule_required("communities.pin_post", get_object=_post)
@require_POST
def post_pin(request: HttpRequest, slug: str, post_id: int, obj: BoardPost) -> HttpResponse:
    pinned = request.POST.get("pinned") == "1"
    board.post_pin(actor=request.user, post=obj, pinned=pinned)
    flash.success(request, messages.POST_PINNED if pinned else messages.POST_UNPINNED)
    return redirect(_post_url(obj))


@rule_required("communities.delete_post", get_object=_post)
@require_POST
def post_delete(request: HttpRequest, slug: str, post_id: int, obj: BoardPost) -> HttpResponse:
    try:
        board.post_delete(actor=request.user, post=obj, request=request)
    except CommunityError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.POST_DELETED)
    return redirect("communities:board", slug=obj.community.slug)


@rule_required("communities.delete_comment", get_object=_comment)
@require_POST
def comment_delete(
    request: HttpRequest, slug: str, post_id: int, comment_id: int, obj: BoardComment
) -> HttpResponse:
    try:
        board.comment_delete(actor=request.user, comment=obj, request=request)
    except CommunityError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.COMMENT_DELETED)
    return redirect(_post_url(obj.post) + f"#comment-{obj.pk}")


urlpatterns = [
    path("<slug:slug>/board/", board_view, name="board"),
    path("<slug:slug>/board/new/", post_create, name="post_create"),
    path("<slug:slug>/board/<int:post_id>/", post_view, name="post"),
    path("<slug:slug>/board/<int:post_id>/comments/", comment_create, name="comment_create"),
    path("<slug:slug>/board/<int:post_id>/pin/", post_pin, name="post_pin"),
    path("<slug:slug>/board/<int:post_id>/delete/", post_delete, name="post_delete"),
    path(
        "<slug:slug>/board/<int:post_id>/comments/<int:comment_id>/delete/",
        comment_delete,
        name="comment_delete",
    ),
]
