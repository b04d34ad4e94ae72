"""The bank-transfer reconciliation, in a browser: 佐藤 (the secretariat) imports the day's
Zengin 入出金取引明細, sees it processed, resolves the transfer whose payer forgot the
reference code by the kana hint, and returns money nobody expected — on a desktop and a
phone-sized screen, axe-clean, no sideways scrolling."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balance
from kyoso.payments.models import LineStatus, StatementLine, Status
from kyoso.payments.purposes import register_purpose, unregister_purpose
from kyoso.payments.tests.conftest import PURPOSE, GiftPurpose, open_gift_accounts
from kyoso.payments.tests.helpers import start
from kyoso.payments.tests.zengin import Movement, zengin_file

pytestmark = pytest.mark.browser


@pytest.fixture
def purpose():
    register_purpose(PURPOSE, GiftPurpose())
    yield
    unregister_purpose(PURPOSE)


def test_import_a_statement_and_resolve_what_did_not_match(
    page, mobile_page, live_url, sato, purpose, tmp_path
):
    open_gift_accounts(1)
    suzuki = start(amount=10_000, payer_name="鈴木一郎", payer_kana="スズキ イチロウ")
    tanaka = start(amount=3_000, payer_name="田中花子", payer_kana="タナカ ハナコ")
    statement = tmp_path / "nyushukkin-20261201.txt"
    statement.write_bytes(
        zengin_file(
            [
                Movement(10_000, suzuki.reference.replace("-", "") + " ｽｽﾞｷ ｲﾁﾛｳ", inquiry=1),
                Movement(3_000, "ﾀﾅｶ ﾊﾅｺ", inquiry=2),
                Movement(800, "ﾔﾏﾀﾞ ﾀﾛｳ", inquiry=3),
            ]
        )
    )

    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto("/payments/statements/")
    check_axe(page, context="statement upload")
    field(page, "入出金明細のファイル").set_input_files(str(statement))
    page.get_by_role("button", name="取り込む").click()
    page.wait_for_url("**/payments/statements/*/")
    page.get_by_text("自動で照合").wait_for()
    check_axe(page, context="statement result")
    screenshot(page, "payments-statement-result")

    page.goto("/payments/lines/")
    check_axe(page, context="open lines")
    screenshot(page, "payments-open-lines")
    page.get_by_role("link", name="2026年12月1日").first.click()
    line_url = page.url
    check_axe(page, context="line detail")
    screenshot(page, "payments-line-detail")
    tanaka_line = StatementLine.objects.get(payer_kana="ﾀﾅｶ ﾊﾅｺ")
    page.goto(f"/payments/lines/{tanaka_line.pk}/")
    page.get_by_role("button", name="この支払いに割り当てる").click()
    page.wait_for_url("**/payments/lines/")
    assert "明細行を支払いに割り当てました。" in flash_text(page)

    yamada_line = StatementLine.objects.get(payer_kana="ﾔﾏﾀﾞ ﾀﾛｳ")
    page.goto(f"/payments/lines/{yamada_line.pk}/")
    field(page, "理由").fill("心当たりのない入金")
    page.get_by_role("button", name="返金扱いにする").click()
    page.wait_for_url("**/payments/lines/")
    assert "明細行を返金扱いにしました。" in flash_text(page)
    page.goto("/payments/refunds/")
    check_axe(page, context="refunds owed")
    page.get_by_role("button", name="返金済みにする").click()
    page.wait_for_load_state()
    page.get_by_text("振込で返金する分はありません。").wait_for()
    assert "返金を振込済みにしました。" in flash_text(page)

    page.goto(f"/payments/{suzuki.pk}/")
    check_axe(page, context="payment detail")
    screenshot(page, "payments-detail")

    login(mobile_page, sato.email, DEFAULT_PASSWORD)
    for path in ["/payments/", "/payments/statements/", line_url.split(live_url)[-1]]:
        mobile_page.goto(path)
        assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "payments-list-mobile")

    suzuki.refresh_from_db()
    tanaka.refresh_from_db()
    assert suzuki.status == Status.CAPTURED and tanaka.status == Status.CAPTURED
    assert StatementLine.objects.filter(status=LineStatus.REFUNDED).count() == 1
    assert balance("gift:1:received") == 13_000 and balance("payments.cash.bank") == 13_000
    assert check_ledger() == []
