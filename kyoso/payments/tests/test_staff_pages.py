"""The staff pages: who may use them (role × page), what they show, query counts, and the
journey upload → progress → resolve → refund paid."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.ledger.selectors import balance
from kyoso.payments import messages
from kyoso.payments.models import LineStatus, Refund, StatementImport, StatementLine, Status
from kyoso.payments.rules import register_manager_check, unregister_manager_check
from kyoso.payments.tests.helpers import assert_ledger_sound, gift_balance, start
from kyoso.payments.tests.zengin import Movement, zengin_file

pytestmark = pytest.mark.django_db

PERSONAS = ["sato", "suzuki", "takahashi", "superuser", "anonymous", "fund_manager"]
ALLOWED = {"sato", "superuser", "fund_manager"}


@pytest.fixture
def fund_manager(db):
    from kyoso.accounts.tests.factories import UserFactory

    user = UserFactory(email="yamada-fund@example.jp", display_name="山田（基金）")
    register_manager_check("tests", lambda candidate: candidate.pk == user.pk)
    yield user
    unregister_manager_check("tests")


@pytest.fixture
def objects(gift):
    payment = start(amount=1_000)
    line_statement = StatementImport.objects.create(
        filename="s.txt", format="csv", file_hash="x" * 64, content=b"", status="done"
    )
    line = StatementLine.objects.create(
        statement=line_statement,
        line_number=2,
        line_hash="y" * 64,
        booked_on="2026-12-01",
        amount=900,
        payer_kana="ﾔﾏﾀﾞ",
        status=LineStatus.UNMATCHED,
    )
    return payment, line_statement, line


def urls(objects):
    payment, statement, line = objects
    return [
        "/payments/",
        f"/payments/{payment.pk}/",
        "/payments/statements/",
        f"/payments/statements/{statement.pk}/",
        "/payments/lines/",
        f"/payments/lines/{line.pk}/",
        "/payments/refunds/",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_secretariat_and_fund_managers_use_the_pages(client, login_as, objects, persona):
    login_as(persona)
    for url in urls(objects):
        response = client.get(url)
        if persona in ALLOWED:
            assert response.status_code == 200, url
        elif persona == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("persona", ["suzuki", "takahashi", "anonymous"])
def test_no_one_else_can_act(client, login_as, objects, persona):
    payment, _, line = objects
    login_as(persona)
    posts = [
        (f"/payments/{payment.pk}/cancel", {"reason": "x"}),
        (f"/payments/lines/{line.pk}/ignore", {"reason": "x"}),
        (f"/payments/lines/{line.pk}/refund", {"reason": "x"}),
        (f"/payments/lines/{line.pk}/assign", {"reference": payment.reference}),
        ("/payments/statements/", {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403)
    assert StatementLine.objects.get().status == LineStatus.UNMATCHED
    assert payment.__class__.objects.get().status == Status.PENDING


def test_the_payment_list_query_count(client, sato, gift):
    for i in range(30):
        start(amount=1_000 + i)
    client.force_login(sato)
    client.get("/payments/")
    # 1 session, 2 user, 3 secretariat role, 4 site settings, 5 count, 6 the page of payments,
    # 7 open lines count, 8 owed refunds count
    with assert_num_queries(8):
        response = client.get("/payments/")
    assert response.status_code == 200
    assert "ギフト1への寄附" in response.content.decode()


def test_the_payment_detail_query_count(client, sato, gift):
    payment = start(amount=1_000, actor=sato)
    client.force_login(sato)
    client.get(f"/payments/{payment.pk}/")
    # 1 session, 2 user, 3 secretariat role, 4 site settings, 5 the payment,
    # 6 its transitions, 7 their actors, 8 refunds, 9 statement lines
    with assert_num_queries(9):
        response = client.get(f"/payments/{payment.pk}/")
    body = response.content.decode()
    assert payment.reference in body and "お振込のご案内" in body


def test_the_whole_journey_in_the_pages(client, sato, gift, django_capture_on_commit_callbacks):
    exact = start(amount=10_000)
    unknown_payer = start(amount=3_000, payer_kana="タナカ ハナコ")
    content = zengin_file(
        [
            Movement(10_000, exact.reference.replace("-", "") + " ｽｽﾞｷ", inquiry=1),
            Movement(3_000, "ﾀﾅｶ ﾊﾅｺ", inquiry=2),
            Movement(800, "ﾔﾏﾀﾞ", inquiry=3),
        ]
    )
    client.force_login(sato)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/payments/statements/", {"file": SimpleUploadedFile("1201.txt", content)}
        )
    statement = StatementImport.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/payments/statements/{statement.pk}/"
    )
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'value="100"' in partial and "hx-trigger" not in partial  # done: polling stops
    page = client.get(response["Location"]).content.decode()
    assert "自動で照合" in page
    lines = {line.line_number: line for line in StatementLine.objects.all()}
    # The kana hint proposes タナカ ハナコ's payment on the line's page.
    detail = client.get(f"/payments/lines/{lines[3].pk}/").content.decode()
    assert unknown_payer.reference in detail
    client.post(f"/payments/lines/{lines[3].pk}/assign", {"reference": unknown_payer.reference})
    client.post(f"/payments/lines/{lines[4].pk}/refund", {"reason": "心当たりなし"})
    refund = Refund.objects.get()
    client.post(f"/payments/refunds/{refund.pk}/paid")
    assert Refund.objects.get().status == "paid"
    assert gift_balance() == 13_000 and balance("payments.cash.bank") == 13_000
    # Uploading the same file again: a clear message, nothing written.
    again = client.post("/payments/statements/", {"file": SimpleUploadedFile("x.txt", content)})
    assert again.status_code == 400
    assert "取り込み済み" in again.content.decode()
    assert StatementImport.objects.count() == 1
    assert_ledger_sound()


def test_a_wrong_file_shows_the_message(client, sato, gift):
    client.force_login(sato)
    response = client.post(
        "/payments/statements/", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")}
    )
    assert response.status_code == 400
    assert str(messages.STATEMENT_FORMAT_UNKNOWN) in response.content.decode()
    assert StatementImport.objects.count() == 0


def test_refund_and_cancel_from_the_page(client, sato, gift):
    from django.db import transaction

    from kyoso.payments.services import record_capture

    paid = start(amount=5_000)
    with transaction.atomic():
        record_capture(actor=None, payment=paid)
    client.force_login(sato)
    response = client.post(
        f"/payments/{paid.pk}/refund", {"amount": "9999", "reason": "返金"}, follow=True
    )
    assert str(messages.REFUND_TOO_LARGE % {"remaining": "¥5,000"}) in response.content.decode()
    client.post(f"/payments/{paid.pk}/refund", {"amount": "2000", "reason": "一部返金"})
    paid.refresh_from_db()
    assert paid.refunded_amount == 2_000
    pending = start(amount=1_000)
    response = client.post(f"/payments/{pending.pk}/cancel", {"reason": ""}, follow=True)
    assert str(messages.REASON_REQUIRED) in response.content.decode()
    client.post(f"/payments/{pending.pk}/cancel", {"reason": "申込みの取り下げ"})
    pending.refresh_from_db()
    assert pending.status == Status.CANCELLED
    assert client.get("/payments/999999/").status_code == 404
    assert_ledger_sound()
