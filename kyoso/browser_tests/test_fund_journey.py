"""The local fund in a browser: 佐藤 of サンロク opens a fund; 高橋 donates for his company
and 鈴木 and 伊藤 as citizens, by bank transfer, each shown a reference code; the secretariat
imports the bank's statement and the transfers are reconciled; 佐藤 opens a round with its
criteria and two reviewers, 田中 applies with his project, 伊藤 (on a phone) and 渡辺 score it,
伊藤 selects it, 佐藤 grants it in two tranches and pays the first; 鈴木 downloads the receipt,
which renders (PDF turned into PNG). Every page axe-clean, no sideways scroll at 360 px;
check_ledger finds nothing at the end."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, make_secretariat
from kyoso.browser_tests.conftest import SCREENSHOT_DIR, check_axe, field, login, screenshot
from kyoso.funding.models import ApplicationStatus, Donation, DonationStatus, Fund
from kyoso.funding.selectors import transparency
from kyoso.ledger.checks import check_ledger
from kyoso.orgs.models import MemberRole, OrganizationType
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory
from kyoso.projects.tests.factories import project_led_by

pytestmark = pytest.mark.browser


def _sign_in(page, user) -> None:
    page.context.clear_cookies()
    login(page, user.email, DEFAULT_PASSWORD)


def _donate(page, fund, user, amount: str, **fields: str) -> Donation:
    _sign_in(page, user)
    page.goto(reverse("funding:detail", args=[fund.pk]))
    page.get_by_role("link", name="寄附する").click()
    field(page, "寄附の金額（円）").fill(amount)
    page.get_by_label("銀行振込").check()
    for label, value in fields.items():
        if label == "寄附する人":
            field(page, label).select_option(label=value)
        else:
            field(page, label).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="寄附を申し込む").click()
    assert "お振込のご案内" in page.content()
    return Donation.objects.filter(donor=user).latest("id")


def _score(page, reviewer, grant_round, values: tuple[int, int]) -> None:
    from kyoso.funding.services.grants import screening_round

    _sign_in(page, reviewer)
    page.goto(reverse("screening:round", args=[screening_round(grant_round).pk]))
    page.get_by_role("link", name="空き家で子ども食堂").click()
    for name, value in zip(("地域への効果", "実現可能性"), values, strict=True):
        page.get_by_role("group", name=f"「{name}」の点数（1〜5）").get_by_label(str(value)).check()
    with page.expect_navigation():
        page.get_by_role("button", name="評価を提出する").click()


def test_donate_reconcile_screen_grant_and_pay(page, mobile_page, live_url, tmp_path):
    sato = UserFactory(email="sato@sanroku.example.jp", display_name="佐藤")
    sanroku = OrganizationFactory(
        slug="sanroku",
        name="サンロク",
        org_type=OrganizationType.NPO,
        verified_at="2026-04-01T00:00Z",
    )
    MembershipFactory(organization=sanroku, user=sato, role=MemberRole.ADMIN)
    takahashi = UserFactory(email="takahashi@minato.example.jp", display_name="高橋")
    company = OrganizationFactory(slug="minato-shinkin", name="庄内みなと信用金庫")
    MembershipFactory(organization=company, user=takahashi, role=MemberRole.OWNER)
    suzuki = UserFactory(email="suzuki@example.jp", display_name="鈴木")
    ito = UserFactory(email="ito@example.jp", display_name="伊藤")
    watanabe = UserFactory(email="watanabe@example.jp", display_name="渡辺")
    tanaka = UserFactory(email="tanaka@example.jp", display_name="田中")
    project_led_by(tanaka, title="空き家で子ども食堂")
    staff = make_secretariat(email="office@kyoso.example.jp", display_name="事務局")

    # 1. 佐藤 opens the fund for サンロク.
    _sign_in(page, sato)
    page.goto(reverse("funding:new"))
    field(page, "基金の名前").fill("さかたローカルファンド")
    field(page, "目的").fill("地域で資金を集め、地域課題に取り組むプロジェクトに投じます。")
    field(page, "寄附で指定できるテーマ（1行に1つ）").fill("子ども\n農業")
    with page.expect_navigation():
        page.get_by_role("button", name="送信する").click()
    fund = Fund.objects.get()

    # 2. A company and two citizens donate by bank transfer; each is shown a reference code.
    company_gift = _donate(
        page,
        fund,
        takahashi,
        "50万円",
        **{
            "寄附する人": "庄内みなと信用金庫",
            "受領証明書の宛名（お名前・団体名）": "庄内みなと信用金庫",
        },
    )
    suzuki_gift = _donate(
        page,
        fund,
        suzuki,
        "30,000",
        **{"基金のページに表示する名前": "鈴木", "応援のメッセージ": "子ども食堂を応援します"},
    )
    screenshot(page, "fund-donation-instructions")
    ito_gift = _donate(mobile_page, fund, ito, "10000")
    assert {d.status for d in (company_gift, suzuki_gift, ito_gift)} == {DonationStatus.PENDING}

    # 3. The secretariat imports the bank's statement: the three transfers are reconciled.
    from kyoso.payments.selectors import payment_by_id

    rows = ["日付,入金金額,振込依頼人名"]
    for gift, kana in ((company_gift, "ｼﾖｳﾅｲﾐﾅﾄｼﾝｷﾝ"), (suzuki_gift, "ｽｽﾞｷ"), (ito_gift, "ｲﾄｳ")):
        reference = payment_by_id(gift.payment_id).reference.replace("-", "")
        rows.append(f"2026/12/01,{gift.amount},{reference} {kana}")
    statement = tmp_path / "statement.csv"
    statement.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _sign_in(page, staff)
    page.goto("/payments/statements/")
    field(page, "入出金明細のファイル").set_input_files(str(statement))
    page.get_by_role("button", name="取り込む").click()
    page.wait_for_url("**/payments/statements/*/")
    page.get_by_text("自動で照合").wait_for()
    assert set(Donation.objects.values_list("status", flat=True)) == {DonationStatus.CAPTURED}

    # The public page shows the money raised, the public names and the anonymous one.
    page.goto(reverse("funding:detail", args=[fund.pk]))
    body = page.locator("main").inner_text()
    assert "540,000円" in body and "鈴木" in body and "匿名" in body
    check_axe(page, context="fund page with donations")

    # 4. 佐藤 opens a round with published criteria and two reviewers (伊藤 decides).
    _sign_in(page, sato)
    page.goto(reverse("funding:round_new", args=[fund.pk]))
    field(page, "公募の名前").fill("令和8年度 第1回公募")
    field(page, "募集要項").fill("地域の課題に取り組むプロジェクトを助成します。")
    field(page, "締切").fill("2099-03-31T17:00")
    field(page, "1件あたりの上限（円）").fill("50万円")
    field(page, "応募資格の質問（1行に1つ、すべて「はい」の人が応募できます）").fill(
        "酒田市内で活動していますか"
    )
    field(page, "審査基準と重み（1行に「基準名:重み」）").fill("地域への効果:60\n実現可能性:40")
    field(page, "審査員のメールアドレス（1行に1人）").fill("watanabe@example.jp")
    field(page, "採否を決める審査員のメールアドレス（1行に1人）").fill("ito@example.jp")
    with page.expect_navigation():
        page.get_by_role("button", name="送信する").click()
    grant_round = fund.rounds.get()
    assert "地域への効果" in page.locator("main").inner_text()

    # 5. 田中 applies with his project.
    _sign_in(page, tanaka)
    page.goto(reverse("funding:round", args=[grant_round.pk]))
    page.get_by_role("link", name="応募する").click()
    field(page, "計画").fill("月2回、空き家で子ども食堂を開きます。")
    field(page, "予算の内訳（1行に「費目,金額」）").fill("食材費,200000\n会場費,100000")
    page.get_by_label("酒田市内で活動していますか").check()
    with page.expect_navigation():
        page.get_by_role("button", name="送信する").click()
    application = grant_round.applications.get()

    # 6. Two reviewers score it in the screening app; 伊藤 (on a phone) records the decision.
    _score(page, watanabe, grant_round, (4, 4))
    _score(mobile_page, ito, grant_round, (5, 4))
    from kyoso.funding.services.grants import screening_round
    from kyoso.screening.models import ScreeningItem

    item = ScreeningItem.objects.get(subject_id=application.pk)
    mobile_page.goto(reverse("screening:decide", args=[screening_round(grant_round).pk, item.pk]))
    mobile_page.get_by_label("採択", exact=True).check()
    field(mobile_page, "理由（応募者に伝わります）").fill("地域の子どもへの効果が大きい。")
    with mobile_page.expect_navigation():
        mobile_page.locator("main").get_by_role("button", name="決定を記録する").click()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED

    # 7. 佐藤 grants it in two tranches and pays the first.
    _sign_in(page, sato)
    page.goto(reverse("funding:application", args=[application.pk]))
    field(page, "助成額（円）").fill("300000")
    field(page, "分割払いの各回の金額（「,」区切り）").fill("200000,100000")
    field(page, "助成の条件").fill("2回目の前に1回目分の報告を出すこと。")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="助成を決定する").click()
    with page.expect_navigation():
        page.get_by_role("button", name="第1回を支払う").click()
    assert "第1回を支払いました。" in page.content()
    screenshot(page, "fund-grant-tranches")
    figures = transparency(Fund.objects.get(pk=fund.pk))
    assert (figures.raised, figures.granted, figures.disbursed) == (540_000, 300_000, 200_000)
    assert (figures.available, figures.committed) == (240_000, 100_000)
    page.goto(reverse("funding:detail", args=[fund.pk]))
    screenshot(page, "fund-transparency")

    # 8. 鈴木 downloads the receipt; it renders.
    _sign_in(page, suzuki)
    page.goto(reverse("funding:mine"))
    suzuki_gift.refresh_from_db()
    label = suzuki_gift.receipt.label
    assert page.get_by_role("link", name=label).count() == 1
    response = page.request.get(live_url + reverse("funding:receipt", args=[suzuki_gift.pk]))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(response.body())
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 (fixed arguments: Debian's pdftoppm, our own files)
            [
                pdftoppm,
                "-png",
                "-r",
                "60",
                "-singlefile",
                str(pdf),
                str(SCREENSHOT_DIR / "fund-receipt"),
            ],
            check=True,
        )
        assert (SCREENSHOT_DIR / "fund-receipt.png").stat().st_size > 10_000
    assert check_ledger() == []
