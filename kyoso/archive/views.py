"""Pages of the archive: the gallery (filters, keyset pages), the Atom feed, an item's page,
writing and the review workflow, attachments, versions, and the walls with their tips."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages as flash
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyoso.archive import messages, selectors, services
from kyoso.archive.forms import AttachmentForm, FilterForm, ItemForm, ReturnForm
from kyoso.archive.models import Attachment, AttachmentKind, Item
from kyoso.archive.rules import visible_or_404
from kyoso.archive.services import ArchiveError, check_staff
from kyoso.core.feeds import Entry, atom_response
from kyoso.core.keyset import CursorInvalid
from kyoso.core.markdown import render_markdown
from kyoso.core.policy import check, public, rule_required
from kyoso.issues.vocab import Wall

# --- Gallery and feed --------------------------------------------------------------------------


@public
@require_GET
def gallery(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    values, dropped = form.filter_values() if request.GET else ({}, False)
    filters = selectors.ItemFilters(**values)
    after = request.GET.get("after", "")[:200]
    notices = [messages.FILTER_INVALID] if dropped else []
    try:
        page = selectors.item_page(request.user, filters, after=after)
    except CursorInvalid:
        notices.append(messages.PAGE_INVALID)
        page = selectors.item_page(request.user, filters)
    query = request.GET.copy()
    query.pop("after", None)
    # Minutes published from events: read through the events app, shown beside the items
    # (they have no theme or wall, so those filters hide them).
    show_minutes = filters.kind in ("", "minutes") and not (filters.theme or filters.wall)
    minutes = (
        selectors.event_minutes(request.user, year=filters.year)
        if show_minutes and page.is_first
        else []
    )
    return render(
        request,
        "archive/gallery.html",
        {
            "form": form,
            "page": page,
            "notices": notices,
            "query_string": query.urlencode(),
            "filtered": filters.active,
            "minutes": minutes,
            "can_write": check("archive.add_item", request.user),
            "wall_names": dict(Wall.choices),
        },
    )


@public
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """Atom feed of the newest items published for everyone (members-only ones never)."""
    return atom_response(
        request,
        title=_("Kyoso アーカイブ"),
        description=_("新しく公開されたレポート・事例・コツ"),
        list_url="archive:gallery",
        feed_url="archive:feed",
        entries=(
            Entry(
                title=item.title,
                path=reverse("archive:detail", args=[item.pk]),
                summary=item.summary or str(item.get_kind_display()),
                published=item.published_at,
                updated=item.updated_at,
                category=str(item.get_kind_display()),
            )
            for item in selectors.feed_items()
        ),
    )


# --- An item -------------------------------------------------------------------------------------


def _item(request: HttpRequest, pk: int, **kwargs: Any) -> Item:
    return visible_or_404(request.user, selectors.item_detail(pk))


def _detail_context(request: HttpRequest, item: Item, **extra: Any) -> dict[str, Any]:
    user = request.user
    context = {
        "item": item,
        "body_html": render_markdown(item.body),
        "authors": selectors.authors_of(item),
        "related": selectors.related_of(item, user),
        "wall_names": dict(Wall.choices),
        "can_edit": check("archive.change_item", user, item),
        "can_submit": check("archive.submit_item", user, item),
        "can_publish": check("archive.publish_item", user, item),
        "can_return": check("archive.return_item", user, item),
        "can_see_versions": check("archive.view_versions", user, item),
        "history": selectors.status_history(item)
        if check("archive.view_versions", user, item)
        else [],
        "return_form": ReturnForm(),
    }
    context.update(extra)
    return context


@rule_required("archive.view_item", get_object=_item)
def detail(request: HttpRequest, pk: int, obj: Item) -> HttpResponse:
    return render(request, "archive/detail.html", _detail_context(request, obj))


def _render_form(
    request: HttpRequest, form: ItemForm, item: Item | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "archive/form.html",
        {
            "form": form,
            "item": item,
            "attachment_form": AttachmentForm(),
            "can_attach": item is not None and check("archive.add_attachment", request.user, item),
        },
        status=status,
    )


def _save(request: HttpRequest, form: ItemForm, item: Item | None) -> Item | None:
    """Call the service; its refusals go on the form (nothing is lost: the form keeps every
    value the person typed)."""
    if not form.is_valid():
        return None
    try:
        if item is None:
            return services.item_create(actor=request.user, data=form.item_data(), request=request)
        return services.item_update(
            actor=request.user, item=item, data=form.item_data(), request=request
        )
    except ArchiveError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error.message))
        return None


@require_http_methods(["GET", "POST"])
@rule_required("archive.add_item")
def create(request: HttpRequest) -> HttpResponse:
    staff = check_staff(request.user)
    if request.method == "POST":
        form = ItemForm(request.POST, staff=staff)
        item = _save(request, form, None)
        if item is not None:
            flash.success(request, messages.CREATED)
            return redirect("archive:edit", pk=item.pk)
        flash.error(request, messages.FORM_HAS_ERRORS)
        return _render_form(request, form, None, status=400)
    initial: dict[str, Any] = {"audience": "public", "year": _this_year()}
    if request.GET.get("kind") in dict(ItemForm.base_fields["kind"].choices):  # type: ignore[attr-defined]
        initial["kind"] = request.GET["kind"]
    if request.GET.get("wall") in Wall.values:
        initial["walls"] = [request.GET["wall"]]
    return _render_form(request, ItemForm(initial=initial, staff=staff), None)


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


@require_http_methods(["GET", "POST"])
@rule_required("archive.change_item", get_object=_item)
def edit(request: HttpRequest, pk: int, obj: Item) -> HttpResponse:
    staff = check_staff(request.user)
    if request.method == "POST":
        form = ItemForm(request.POST, staff=staff)
        was_published = obj.is_published
        item = _save(request, form, obj)
        if item is not None:
            if was_published:
                flash.success(request, messages.SAVED_NEW_VERSION % {"number": item.version})
            else:
                flash.success(request, messages.SAVED)
            return redirect("archive:edit", pk=item.pk)
        flash.error(request, messages.FORM_HAS_ERRORS)
        return _render_form(request, form, obj, status=400)
    return _render_form(request, ItemForm(initial=ItemForm.initial_of(obj), staff=staff), obj)


def _move(request: HttpRequest, obj: Item, action: Any, done: Any) -> HttpResponse:
    try:
        action()
    except ArchiveError as error:
        flash.error(request, str(error.message))
    else:
        flash.success(request, done)
    return redirect("archive:detail", pk=obj.pk)


@require_POST
@rule_required("archive.submit_item", get_object=_item)
def submit(request: HttpRequest, pk: int, obj: Item) -> HttpResponse:
    return _move(
        request,
        obj,
        lambda: services.item_submit(actor=request.user, item=obj, request=request),
        messages.SUBMITTED,
    )


@require_POST
@rule_required("archive.publish_item", get_object=_item)
def publish(request: HttpRequest, pk: int, obj: Item) -> HttpResponse:
    return _move(
        request,
        obj,
        lambda: services.item_publish(actor=request.user, item=obj, request=request),
        messages.PUBLISHED,
    )


@require_POST
@rule_required("archive.return_item", get_object=_item)
def send_back(request: HttpRequest, pk: int, obj: Item) -> HttpResponse:
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "archive/detail.html",
            _detail_context(request, obj, return_form=form),
            status=400,
        )
    return _move(
        request,
        obj,
        lambda: services.item_return(
            actor=request.user, item=obj, reason=form.cleaned_data["reason"], request=request
        ),
        messages.RETURNED,
    )


# --- Attachments ---------------------------------------------------------------------------------


@require_POST
@rule_required("archive.add_attachment", get_object=_item)
def attachment_add(request: HttpRequest, pk: int, obj: Item) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment = services.attachment_add(
                actor=request.user,
                item=obj,
                name=upload.name,
                content=upload.read(services.ATTACHMENT_BYTES_MAX + 1),
                request=request,
            )
        except ArchiveError as error:
            form.add_error("file", str(error.message))
        else:
            flash.success(request, messages.ATTACHMENT_ADDED % {"name": attachment.original_name})
            return redirect("archive:edit", pk=obj.pk)
    staff = check_staff(request.user)
    return render(
        request,
        "archive/form.html",
        {
            "form": ItemForm(initial=ItemForm.initial_of(obj), staff=staff),
            "item": obj,
            "attachment_form": form,
            "can_attach": True,
        },
        status=400,
    )


def _attachment(request: HttpRequest, pk: int, attachment_id: int, **kwargs: Any) -> Attachment:
    item = visible_or_404(request.user, selectors.item_detail(pk))
    attachment = selectors.attachment_of(item, attachment_id)
    attachment.item = item
    return attachment


@require_GET
@rule_required("archive.view_item", get_object=_attachment)
def attachment_download(
    request: HttpRequest, pk: int, attachment_id: int, obj: Attachment
) -> FileResponse:
    if obj.kind == AttachmentKind.PDF:
        content_type, disposition = "application/pdf", "attachment"
    else:
        ext = (obj.file.name or "").rsplit(".", 1)[-1]
        content_type = "image/png" if ext == "png" else "image/jpeg"
        disposition = "inline"
    try:
        handle = obj.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''" + quote(obj.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@rule_required("archive.delete_attachment", get_object=_attachment)
def attachment_remove(
    request: HttpRequest, pk: int, attachment_id: int, obj: Attachment
) -> HttpResponse:
    name = obj.original_name
    services.attachment_remove(actor=request.user, attachment=obj, request=request)
    flash.success(request, messages.ATTACHMENT_REMOVED % {"name": name})
    return redirect("archive:edit", pk=pk)


# --- Versions --------------------------------------------------------------------------------


@rule_required("archive.view_versions", get_object=_item)
def versions(request: HttpRequest, pk: int, obj: Item) -> HttpResponse:
    return render(
        request,
        "archive/versions.html",
        {"item": obj, "versions": selectors.versions_of(obj)},
    )


@rule_required("archive.view_versions", get_object=_item)
def version(request: HttpRequest, pk: int, number: int, obj: Item) -> HttpResponse:
    shown = selectors.version_of(obj, number)
    return render(
        request,
        "archive/version.html",
        {"item": obj, "version": shown, "body_html": render_markdown(shown.body)},
    )


# --- Mine and the review queue ---------------------------------------------------------------


@rule_required("archive.list_mine")
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "archive/mine.html",
        {
            "items": selectors.my_items(request.user)[:200],
            "queue": list(selectors.review_queue()[:200]) if check_staff(request.user) else [],
            "can_write": check("archive.add_item", request.user),
        },
    )


# --- Walls -----------------------------------------------------------------------------------


@public
@require_GET
def walls(request: HttpRequest) -> HttpResponse:
    counts = selectors.tips_per_wall(request.user)
    rows = [(key, label, counts.get(key, 0)) for key, label in Wall.choices]
    return render(request, "archive/walls.html", {"walls": rows})


@public
@require_GET
def wall(request: HttpRequest, key: str) -> HttpResponse:
    if key not in Wall.values:
        raise Http404
    return render(
        request,
        "archive/wall.html",
        {
            "key": key,
            "label": Wall(key).label,
            "tips": selectors.wall_tips(key, request.user),
            "can_write": check("archive.add_item", request.user),
        },
    )


app_name = "archive"

urlpatterns = [
    path("", gallery, name="gallery"),
    path("feed.atom", feed, name="feed"),
    path("new/", create, name="create"),
    path("mine/", mine, name="mine"),
    path("walls/", walls, name="walls"),
    path("walls/<slug:key>/", wall, name="wall"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/edit/", edit, name="edit"),
    path("<int:pk>/submit/", submit, name="submit"),
    path("<int:pk>/publish/", publish, name="publish"),
    path("<int:pk>/return/", send_back, name="return"),
    path("<int:pk>/attachments/", attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_id>/", attachment_download, name="attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/remove/",
        attachment_remove,
        name="attachment_remove",
    ),
    path("<int:pk>/versions/", versions, name="versions"),
    path("<int:pk>/versions/<int:number>/", version, name="version"),
]
