"""Pages of the screening app: the person's rounds, a round (the reviewer's items), the
poster's summary, one item (scoring, conflict, others' scores once allowed, decisions), the
decision form and the CSV of scores.

A signed-in person who may not view a round gets 404 for it and everything in it (they are
not told it exists); one who may view it but not do the thing asked gets 403.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyoso.core import spreadsheet
from kyoso.core.policy import check, login_required, rule_required
from kyoso.screening import messages, selectors, services
from kyoso.screening.forms import ConflictForm, DecisionForm, score_values
from kyoso.screening.models import SCALE_MAX, SCALE_MIN, Outcome, ScreeningItem, ScreeningRound
from kyoso.screening.rules import (
    competes_in,
    conflict_of,
    facts,
    is_conflicted_on,
    may_see_scores_of,
    scores_visible_in,
)
from kyoso.screening.services import ScreeningError
from kyoso.screening.services.scoring import CONFLICT_MESSAGES, refusal_to_score

SCALE = list(range(SCALE_MIN, SCALE_MAX + 1))


def _round(request: HttpRequest, pk: int, **kwargs: Any) -> ScreeningRound:
    round = selectors.round_get(pk)
    if round is None:
        raise Http404
    if not check("screening.view_round", request.user, round):
        raise Http404  # anonymous visitors included: no login page that confirms it exists
    return round


def _item(request: HttpRequest, pk: int, item_id: int, **kwargs: Any) -> ScreeningItem:
    item = selectors.item_get(_round(request, pk), item_id)
    if item is None:
        raise Http404
    return item


@login_required
def my_rounds(request: HttpRequest) -> HttpResponse:
    return render(
        request, "screening/mine.html", {"rounds": selectors.rounds_for_user(request.user)}
    )


@rule_required("screening.view_round", get_object=_round)
def round_detail(request: HttpRequest, pk: int, obj: ScreeningRound) -> HttpResponse:
    return render(
        request,
        "screening/round.html",
        {
            "round": obj,
            "items": selectors.items_for_reviewer(obj, request.user),
            "conflicted": selectors.conflicted_items_of(obj, request.user),
            "viewer": facts(request.user, obj),
            "may_see_summary": check("screening.view_summary", request.user, obj),
        },
    )


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _summary_rows_html(rows: list[dict[str, Any]]) -> SafeString:
    """The table's body in Python, every value escaped: 500 rows through template tags took
    ~60 ms and through ``format_html`` ~20 ms (issue 15's p95 ≤ 200 ms)."""
    withdrawn = f' <span class="badge">{escape(_("取り下げ"))}</span>'
    flagged = f'<span class="flagged">{escape(_("要議論"))}</span>'
    hidden = f'<td colspan="3">{escape(_("非表示"))}</td>'
    lines = []
    for r in rows:
        figures = (
            f'<td class="num">{r["total"]}</td><td class="num">{r["spread"]}</td>'
            f"<td>{flagged if r['flagged'] else ''}</td>"
            if r["visible"]
            else hidden
        )
        lines.append(
            f'<tr><td><a href="{escape(r["url"])}">{escape(r["title"])}</a>'
            f"{withdrawn if r['withdrawn'] else ''}</td>"
            f'<td class="num">{int(r["n"])}</td>{figures}<td>{escape(r["decision"])}</td></tr>'
        )
    return mark_safe("\n".join(lines))  # noqa: S308 — every value escaped above


@rule_required("screening.view_summary", get_object=_round)
def round_summary(request: HttpRequest, pk: int, obj: ScreeningRound) -> HttpResponse:
    """The poster's table. Rows are prepared here and written as HTML in Python (500 rows
    through template tags per cell cost ten times more)."""
    item_url = reverse("screening:item", args=[obj.pk, 0]).removesuffix("0/")
    outcomes = dict(Outcome.choices)
    undecided = _("未決定")
    criteria = selectors.criteria_of(obj)
    summary = selectors.round_summary(obj, criteria=criteria)
    visible = scores_visible_in(request.user, obj)
    rows = []
    for row in summary:
        decision = row.latest_decision
        rows.append(
            {
                "url": f"{item_url}{row.item.pk}/",
                "title": row.subject.title,
                "withdrawn": row.item.withdrawn_at is not None,
                "n": row.n_submitted,
                "visible": visible(row.item),
                "total": _figure(row.weighted_total),
                "spread": _figure(row.spread),
                "flagged": row.flagged,
                "decision": outcomes[decision.outcome] if decision else undecided,
            }
        )
    return render(
        request,
        "screening/summary.html",
        {
            "round": obj,
            "rows": rows,
            "rows_html": _summary_rows_html(rows),
            "criteria": criteria,
            "flag_spread": float(selectors.FLAG_SPREAD),
        },
    )


def _item_context(
    request: HttpRequest,
    item: ScreeningItem,
    *,
    posted: dict[int, tuple[Any, str]] | None = None,
    score_error: ScreeningError | None = None,
    conflict_form: ConflictForm | None = None,
) -> dict[str, Any]:
    user = request.user
    round = item.round
    viewer = facts(user, round)
    criteria = selectors.criteria_of(round)
    own = selectors.own_scores(item, user) if viewer.is_reviewer else {}
    if posted is None:
        posted = {c.pk: (own[c.pk].value, own[c.pk].comment) for c in criteria if c.pk in own}
    conflict = conflict_of(viewer, item)
    rows = [
        {
            "criterion": c,
            "value": str(posted.get(c.pk, ("", ""))[0]),
            "comment": posted.get(c.pk, ("", ""))[1],
            "error": score_error.fields.get(c.pk) if score_error else None,
        }
        for c in criteria
    ]
    others = selectors.item_scores(item, user)
    hidden_reason = None
    if others is None:
        hidden_reason = (
            messages.SCORES_HIDDEN_CONFLICT
            if conflict is not None
            else messages.SCORES_HIDDEN_UNTIL_SUBMITTED
        )
    return {
        "round": round,
        "item": item,
        "subject": item.subject_info,  # type: ignore[attr-defined]
        "viewer": viewer,
        "scale": SCALE,
        "rows": rows,
        "refusal": refusal_to_score(user, item) if viewer.is_reviewer else None,
        "score_error": score_error,
        "submitted": bool(own),
        "others": others,
        "hidden_reason": hidden_reason,
        "conflict_message": CONFLICT_MESSAGES.get(conflict or ""),
        "may_declare": viewer.is_reviewer
        and item.pk not in viewer.declared_item_ids
        and item.withdrawn_at is None,
        "conflict_form": conflict_form or ConflictForm(),
        "may_decide": check("screening.decide_item", user, item),
        "decisions": selectors.decisions_of_item(item),
    }


@rule_required("screening.view_item", get_object=_item)
def item_detail(request: HttpRequest, pk: int, item_id: int, obj: ScreeningItem) -> HttpResponse:
    return render(request, "screening/item.html", _item_context(request, obj))


@require_POST
@rule_required("screening.view_item", get_object=_item)
def item_score(request: HttpRequest, pk: int, item_id: int, obj: ScreeningItem) -> HttpResponse:
    """Submit scores; a refusal re-renders the form with what was entered (nothing lost)."""
    criteria = selectors.criteria_of(obj.round)
    posted = score_values(request.POST, criteria)
    if not facts(request.user, obj.round).is_reviewer:
        return HttpResponse(status=403)
    try:
        services.scores_submit(actor=request.user, item=obj, values=posted, request=request)
    except ScreeningError as error:
        status = 400 if error.code == "invalid_scores" else 409
        context = _item_context(request, obj, posted=posted, score_error=error)
        return render(request, "screening/item.html", context, status=status)
    flash.success(request, messages.SCORES_SUBMITTED)
    return redirect("screening:item", pk=obj.round_id, item_id=obj.pk)


@require_POST
@rule_required("screening.declare_conflict", get_object=_item)
def item_conflict(request: HttpRequest, pk: int, item_id: int, obj: ScreeningItem) -> HttpResponse:
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_declare(
                actor=request.user, item=obj, reason=form.cleaned_data["reason"], request=request
            )
        except ScreeningError as error:
            form.add_error("reason", error.message)
        else:
            flash.success(request, messages.CONFLICT_DECLARED)
            return redirect("screening:round", pk=obj.round_id)
    context = _item_context(request, obj, conflict_form=form)
    return render(request, "screening/item.html", context, status=400)


@rule_required("screening.decide_item", get_object=_item)
def item_decide(request: HttpRequest, pk: int, item_id: int, obj: ScreeningItem) -> HttpResponse:
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decision_record(
                    actor=request.user,
                    item=obj,
                    outcome=form.cleaned_data["outcome"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ScreeningError as error:
                form.add_error(None, error.message)
            else:
                flash.success(request, messages.DECISION_RECORDED)
                return redirect("screening:item", pk=obj.round_id, item_id=obj.pk)
        status = 400
    return render(
        request,
        "screening/decide.html",
        {
            "round": obj.round,
            "item": obj,
            "subject": obj.subject_info,  # type: ignore[attr-defined]
            "form": form,
            "decisions": selectors.decisions_of_item(obj),
            "conflicted": is_conflicted_on(request.user, obj),
        },
        status=status,
    )


CSV_HEADER: list[object] = [
    "item_id",
    "subject_id",
    "title",
    "reviewer",
    "criterion",
    "weight",
    "score",
    "comment",
    "submitted_at",
]


@rule_required("screening.export_scores", get_object=_round)
def scores_csv(request: HttpRequest, pk: int, obj: ScreeningRound) -> HttpResponse:
    """Every score the viewer may see (never an item they are conflicted on, nor, for a
    reviewer, one they have not scored yet), UTF-8 with a BOM for spreadsheets."""
    from kyoso.screening.subjects import describe

    competes_in(request.user, obj)  # asked once, whether or not any score is there yet
    scores = list(selectors.score_rows(obj))
    items = {s.submission.item_id: s.submission.item for s in scores}
    infos = describe(obj.subject_kind, [i.subject_id for i in items.values()])
    for item in items.values():
        item.round = obj
        item.subject_info = infos[item.subject_id]  # type: ignore[attr-defined]
    visible = {pk for pk, item in items.items() if may_see_scores_of(request.user, item)}
    services.scores_export_record(actor=request.user, round=obj, request=request)
    rows: list[list[object]] = [CSV_HEADER]
    for s in scores:
        item = s.submission.item
        if item.pk not in visible:
            continue
        rows.append(
            [
                item.pk,
                item.subject_id,
                infos[item.subject_id].title,
                s.submission.user.public_name,
                s.criterion.name,
                s.criterion.weight,
                s.value,
                s.comment,
                s.submission.updated_at.isoformat(),
            ]
        )
    response = HttpResponse(
        "".join(spreadsheet.csv_lines(rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="screening-{obj.pk}-scores.csv"'
    return response


app_name = "screening"

urlpatterns = [
    path("", my_rounds, name="mine"),
    path("<int:pk>/", round_detail, name="round"),
    path("<int:pk>/summary", round_summary, name="summary"),
    path("<int:pk>/scores.csv", scores_csv, name="scores_csv"),
    path("<int:pk>/items/<int:item_id>/", item_detail, name="item"),
    path("<int:pk>/items/<int:item_id>/score", item_score, name="score"),
    path("<int:pk>/items/<int:item_id>/conflict", item_conflict, name="conflict"),
    path("<int:pk>/items/<int:item_id>/decide", item_decide, name="decide"),
]
