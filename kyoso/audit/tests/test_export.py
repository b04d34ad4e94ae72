"""The CSV export: Excel-friendly UTF-8, the same filters as the page, itself audited."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit import messages
from kyoso.audit.models import AuditEvent
from kyoso.audit.tests.factories import jst, make_event
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db

A = AuditEvent.Action


@pytest.fixture
def as_sato(client, sato):
    client.force_login(sato)
    return client


def _download(client, **params) -> tuple[bytes, list[list[str]]]:
    response = client.get(reverse("audit:export"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="kyoso-audit-log-')
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_utf8_with_bom_and_japanese(as_sato, sato, suzuki):
    make_event(
        A.ROLE_GRANTED,
        actor=sato,
        target=suzuki,
        data={"role": "player"},
        at=jst(2026, 4, 1, 9, 30, 0),
    )
    body, rows = _download(as_sato, action=A.ROLE_GRANTED)
    assert body.startswith(b"\xef\xbb\xbf")
    assert rows[0] == [
        "日時（日本時間）",
        "操作",
        "操作コード",
        "実行者",
        "実行者のメールアドレス",
        "対象の種類",
        "対象ID",
        "対象",
        "詳細",
        "IPアドレス",
    ]
    assert rows[1] == [
        "2026-04-01 09:30:00",
        "役割の付与",
        "role.granted",
        "佐藤（事務局）",
        sato.email,
        "accounts.user",
        str(suzuki.pk),
        "鈴木",
        '{"role": "player"}',
        "",
    ]
    assert len(rows) == 2


def test_the_export_uses_the_page_filters(as_sato, sato):
    make_event(A.ROLE_GRANTED, actor=sato, at=jst(2026, 3, 31, 23, 0))
    kept = make_event(A.ROLE_GRANTED, actor=sato, at=jst(2026, 4, 1, 1, 0))
    make_event(A.LOGIN_FAILED, at=jst(2026, 4, 1, 2, 0))
    _body, rows = _download(as_sato, action=A.ROLE_GRANTED, since="令和8年4月1日")
    assert [row[0] for row in rows[1:]] == ["2026-04-01 01:00:00"]
    assert kept.action == A.ROLE_GRANTED


def test_exporting_is_audited_with_the_filters(as_sato, sato):
    _download(as_sato, action=A.LOGIN_FAILED, since="R8.4.1", actor_email="SATO")
    event = AuditEvent.objects.get(action=A.DATA_EXPORTED)
    assert event.actor == sato
    assert event.data == {
        "export": "audit_log",
        "filters": {"action": "login.failed", "since": "2026-04-01", "actor_email": "SATO"},
    }
    assert event.ip_address == "127.0.0.1"


def test_the_export_lists_itself_when_nothing_filters_it_out(as_sato):
    _body, rows = _download(as_sato)
    assert [row[2] for row in rows[1:]] == ["account.data_exported"]


def test_an_unreadable_filter_stops_the_export(as_sato):
    response = as_sato.get(reverse("audit:export"), {"since": "きのう", "action": A.ROLE_GRANTED})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("audit:list") + "?action=role.granted&since=%E3%81%8D%E3%81%AE%E3%81%86"
    )
    assert not AuditEvent.objects.filter(action=A.DATA_EXPORTED).exists()
    page = as_sato.get(response["Location"]).content.decode()
    assert escape(str(messages.EXPORT_REFUSED)) in page


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)"])
def test_formulas_are_kept_as_text(as_sato, sato, name):
    villain = UserFactory(display_name=name)
    make_event(A.STAFF_EDIT, actor=villain, target=villain)
    _body, rows = _download(as_sato, action=A.STAFF_EDIT)
    assert rows[1][3] == "'" + name
    assert rows[1][7] == "'" + name


def test_the_page_links_to_the_export_with_its_filters(as_sato):
    page = as_sato.get(reverse("audit:list"), {"action": A.LOGIN_FAILED}).content.decode()
    assert f'href="{reverse("audit:export")}?action=login.failed"' in page


@pytest.mark.parametrize("count", [1, 30])
def test_query_count(as_sato, sato, count):
    for _ in range(count):
        make_event(A.ROLE_GRANTED, actor=sato)
    # 1 session, 2 user, 3 roles of sato (2FA middleware), 4 site settings (2FA middleware),
    # 5 insert the DATA_EXPORTED event, 6 events with their actors (streamed in chunks)
    with assert_num_queries(6):
        _download(as_sato, action=A.ROLE_GRANTED)
