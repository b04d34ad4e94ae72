"""The audit log page: filters (和暦 or 西暦 dates in JST), pagination, empty states."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit import messages
from kyoso.audit.models import AuditEvent
from kyoso.audit.selectors import audit_events
from kyoso.audit.tests.factories import jst, make_event
from kyoso.core import wareki
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db

A = AuditEvent.Action


@pytest.fixture
def as_sato(client, sato):
    client.force_login(sato)
    return client


def _ids(response) -> list[int]:
    return [event.pk for event in response.context["page"]]


def _get(client, **params):
    response = client.get(reverse("audit:list"), params)
    assert response.status_code == 200
    return response


@pytest.fixture
def fiscal_year_edges(sato, suzuki):
    """Events around midnight JST between 令和7年度 and 令和8年度 (2026-04-01)."""
    return {
        "before": make_event(A.ROLE_GRANTED, actor=sato, at=jst(2026, 3, 31, 23, 59, 59)),
        "first": make_event(A.ROLE_REVOKED, actor=suzuki, at=jst(2026, 4, 1, 0, 0, 0)),
        "evening": make_event(A.LOGIN_FAILED, at=jst(2026, 4, 1, 23, 59, 59)),
        "next_day": make_event(A.SETTINGS_CHANGED, actor=sato, at=jst(2026, 4, 2, 0, 0, 1)),
    }


def test_newest_first(as_sato, fiscal_year_edges):
    e = fiscal_year_edges
    assert _ids(_get(as_sato)) == [e[k].pk for k in ("next_day", "evening", "first", "before")]


def test_filter_by_action(as_sato, fiscal_year_edges):
    assert _ids(_get(as_sato, action=A.ROLE_REVOKED)) == [fiscal_year_edges["first"].pk]


def test_an_unknown_action_is_reported_and_not_applied(as_sato, fiscal_year_edges):
    response = _get(as_sato, action="drop.tables")
    assert len(_ids(response)) == 4
    assert escape(str(messages.FILTERS_NOT_APPLIED)) in response.content.decode()


@pytest.mark.parametrize("typed", ["suzuki@example.jp", "SUZUKI", "ｓｕｚｕｋｉ＠", "uzuki@ex"])
def test_filter_by_actor_email_in_part_and_any_width(as_sato, fiscal_year_edges, typed):
    assert _ids(_get(as_sato, actor_email=typed)) == [fiscal_year_edges["first"].pk]


def test_filter_by_target_type(as_sato, suzuki):
    on_user = make_event(A.ROLE_GRANTED, target=suzuki)
    make_event(A.SETTINGS_CHANGED)
    assert _ids(_get(as_sato, target_type="accounts.user")) == [on_user.pk]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2026-04-01", "2026-04-01", ["evening", "first"]),
        ("令和8年4月1日", "令和8年4月1日", ["evening", "first"]),
        ("R8.4.1", "", ["next_day", "evening", "first"]),
        ("", "R8.3.31", ["before"]),
        ("２０２６年４月２日", "", ["next_day"]),
        ("令和8年4月1日（水）", "2026/04/01", ["evening", "first"]),
        ("", "2026-03-30", []),
    ],
)
def test_filter_by_dates_in_japan_time(as_sato, fiscal_year_edges, since, until, expected):
    response = _get(as_sato, since=since, until=until)
    assert _ids(response) == [fiscal_year_edges[k].pk for k in expected]


def test_an_unreadable_date_shows_why_and_is_not_applied(as_sato, fiscal_year_edges):
    response = _get(as_sato, since="あした", action=A.ROLE_GRANTED)
    page = response.content.decode()
    assert escape(str(wareki.UNRECOGNIZED_DATE % {"text": "あした"})) in page
    assert escape(str(messages.FILTERS_NOT_APPLIED)) in page
    # The other filter still applies; the date filter does not.
    assert _ids(response) == [fiscal_year_edges["before"].pk]
    # What was typed stays in the box.
    assert 'value="あした"' in page


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("令和8年2月30日", wareki.INVALID_DATE % {"written": "令和8年2月30日"}),
        ("平成32年1月1日", None),
        ("令和8年4月1日（月）", None),
    ],
)
def test_impossible_dates_are_refused(as_sato, fiscal_year_edges, typed, error):
    response = _get(as_sato, until=typed)
    assert len(_ids(response)) == 4
    errors = response.context["form"].errors["until"]
    assert errors
    if error is not None:
        assert errors == [str(error)]


def test_a_reversed_range_is_refused(as_sato, fiscal_year_edges):
    response = _get(as_sato, since="2026-04-02", until="2026-04-01")
    assert len(_ids(response)) == 4
    assert escape(str(messages.DATE_RANGE_REVERSED)) in response.content.decode()


def test_empty_log(as_sato):
    page = _get(as_sato).content.decode()
    assert "まだ記録はありません。" in page


def test_no_match(as_sato, fiscal_year_edges):
    page = _get(as_sato, action=A.TOKEN_CREATED).content.decode()
    assert "条件に合う記録はありません。" in page


def test_fifty_per_page_and_the_filters_follow_the_pages(as_sato, sato):
    events = [make_event(A.ROLE_GRANTED, actor=sato) for _ in range(51)]
    make_event(A.LOGIN_FAILED)
    first = _get(as_sato, action=A.ROLE_GRANTED)
    assert _ids(first) == [e.pk for e in reversed(events)][:50]
    assert "action=role.granted&amp;page=2" in first.content.decode()
    second = _get(as_sato, action=A.ROLE_GRANTED, page=2)
    assert _ids(second) == [events[0].pk]


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_a_page_out_of_range_shows_a_valid_page(as_sato, sato, page):
    make_event(A.ROLE_GRANTED, actor=sato)
    assert len(_ids(_get(as_sato, page=page))) == 1


def test_user_text_is_escaped(as_sato):
    villain = UserFactory(display_name="<b>悪</b>")
    make_event(A.STAFF_EDIT, actor=villain, target=villain, data={"note": "<script>x</script>"})
    page = _get(as_sato).content.decode()
    assert "<script>x</script>" not in page and "<b>悪</b>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_the_selector_carries_the_actor(sato):
    for _ in range(3):
        make_event(A.ROLE_GRANTED, actor=sato)
    # 1 events joined with their actors
    with assert_num_queries(1):
        assert [event.actor.email for event in audit_events()] == [sato.email] * 3


@pytest.mark.parametrize("count", [1, 60])
def test_query_count(as_sato, sato, count):
    for _ in range(count):
        make_event(A.ROLE_GRANTED, actor=sato, target=sato)
    # 1 session, 2 user, 3 roles of sato (2FA middleware, cached for the rule),
    # 4 site settings (2FA middleware), 5 count of events, 6 one page of events with actors
    with assert_num_queries(6):
        _get(as_sato, action=A.ROLE_GRANTED, since="R8.1.1")


def test_query_count_with_nothing_to_show(as_sato):
    # 1 session, 2 user, 3 roles of sato, 4 site settings, 5 count of events (0: no page)
    with assert_num_queries(5):
        _get(as_sato)
