"""The fund's pages: the public page with its figures, chart and CSV (query counts asserted),
donating, the receipt PDF, rounds, applications and who may do what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.funding.models import GrantRound
from kyoso.funding.services import grant_agree, tranche_pay
from kyoso.funding.tests.conftest import donate
from kyoso.funding.tests.flow import apply, screen


@pytest.fixture
def granted(fund, manager, citizen, company_admin, company, lead, project, grant_round, reviewers):
    donate(fund, citizen, 30_000, public_name="鈴木", message="応援しています")
    donate(fund, company_admin, 1_000_000, donor_organization=company, public_name="ミライセンサー")
    donate(fund, citizen, 5_000)  # anonymous
    application = apply(grant_round, lead, project)
    screen(application, reviewers)
    grant = grant_agree(
        actor=manager,
        application=application,
        amount=300_000,
        tranches=[200_000, 100_000],
        terms="条件",
    )
    tranche_pay(actor=manager, tranche=grant.tranches.get(number=1))
    return application


def test_the_public_page_shows_the_figures_in_a_constant_number_of_queries(client, fund, granted):
    with assert_num_queries(6, label="fund page"):
        # 1 the fund with its organization
        # 2 the two ledger balances (available, committed)
        # 3 the fund's 年度 rows
        # 4 the grants with their projects
        # 5 the recent public donations
        # 6 the fund's rounds
        response = client.get(reverse("funding:detail", args=[fund.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("1,035,000円", "300,000円", "200,000円", "835,000円", "100,000円", "735,000円"):
        assert text in page
    assert "<svg" in page and "空き家で子ども食堂" in page
    assert (
        "鈴木" in page and "ミライセンサー" in page and "匿名" in page and "応援しています" in page
    )
    assert 'style="' not in page.split("<main", 1)[-1]


def test_the_csv_is_utf8_with_a_bom(client, fund, granted):
    response = client.get(reverse("funding:csv", args=[fund.pk]))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff区分,年度,プロジェクト,寄附,助成決定,支払い")
    assert "プロジェクト,2" in body and "空き家で子ども食堂,,300000,200000" in body
    assert body.rstrip().endswith("合計,,,1035000,300000,200000")


def test_the_receipt_is_a_pdf_for_the_donor_and_the_managers_only(
    client, fund, citizen, manager, outsider
):
    donation = donate(fund, citizen, 12_345, receipt_address="山形県酒田市本町二丁目2-45")
    url = reverse("funding:receipt", args=[donation.pk])
    client.force_login(citizen)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(manager)
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_the_receipt_shows_both_calendars_and_its_number(fund, citizen):
    from kyoso.funding.receipts import receipt_context

    donation = donate(fund, citizen, 12_345)
    context = receipt_context(donation, donation.receipt)
    assert context["amount"] == "12,345円"
    assert context["received_wareki"].startswith("令和")
    assert context["received_western"].endswith("日") and "年" in context["received_western"]
    assert context["receipt"].label.endswith("-00001")
    assert context["issuer"].name == "酒田市"


def test_pages_of_a_round_and_an_application(client, fund, granted, manager, lead, outsider):
    grant_round = granted.round
    page = client.get(reverse("funding:round", args=[grant_round.pk])).content.decode()
    assert "地域への効果" in page and "60" in page  # criteria and weights published
    assert "空き家で子ども食堂" not in page  # applications are for the managers
    client.force_login(manager)
    page = client.get(reverse("funding:round", args=[grant_round.pk])).content.decode()
    assert "空き家で子ども食堂" in page
    url = reverse("funding:application", args=[granted.pk])
    page = client.get(url).content.decode()
    assert "第2回を支払う" not in page and "前の回の報告待ち" in page
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert "報告を提出する" in page and "第2回を支払う" not in page
    response = client.post(
        reverse("funding:report", args=[granted.pk]),
        {"tranche_number": "1", "progress": "順調です。", "spent_0": "15万円", "spent_1": "40,000"},
    )
    assert response.status_code == 302
    assert granted.grant.reports.get().spending == {"食材費": 150_000, "会場費": 40_000}
    client.force_login(manager)
    assert "第2回を支払う" in client.get(url).content.decode()
    client.force_login(outsider)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("outsider", 403), ("lead", 403), ("manager", 200)]
)
def test_who_may_open_a_round(client, fund, manager, lead, outsider, who, status):
    users = {"manager": manager, "lead": lead, "outsider": outsider}
    if who in users:
        client.force_login(users[who])
    assert client.get(reverse("funding:round_new", args=[fund.pk])).status_code == status


def test_a_manager_opens_a_round_from_the_form(client, fund, manager, reviewers):
    client.force_login(manager)
    response = client.post(
        reverse("funding:round_new", args=[fund.pk]),
        {
            "title": "防災の助成",
            "description": "防災の取り組みを助成します。",
            "deadline": "2099-03-31T17:00",
            "max_amount": "50万円",
            "eligibility": "酒田市内で活動していますか\n",
            "criteria": "必要性:50\n実現性：50",
            "reviewers": "ito@example.jp",
            "deciders": "watanabe@example.jp",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    grant_round = GrantRound.objects.get(title="防災の助成")
    assert grant_round.max_amount == 500_000 and grant_round.eligibility == [
        "酒田市内で活動していますか"
    ]


def test_the_grant_form_says_when_the_fund_cannot_afford_it(
    client, fund, manager, citizen, lead, project, grant_round, reviewers
):
    donate(fund, citizen, 100_000)
    application = apply(grant_round, lead, project)
    screen(application, reviewers)
    client.force_login(manager)
    response = client.post(
        reverse("funding:grant", args=[application.pk]),
        {"amount": "300,000", "tranches": "200000,100000", "terms": "条件"},
    )
    assert response.status_code == 400
    assert "この基金でいま使える額 100,000円 を超えています" in response.content.decode()


def test_my_donations_and_the_dashboard_block(client, fund, citizen):
    donate(fund, citizen, 7_000)
    client.force_login(citizen)
    page = client.get(reverse("funding:mine")).content.decode()
    assert "さかた未来基金" in page and "7,000円" in page
    from kyoso.funding.home import my_donations

    assert len(my_donations(citizen, None)["donations"]) == 1


def test_the_list_page(client, fund):
    page = client.get(reverse("funding:list")).content.decode()
    assert "さかた未来基金" in page


def test_the_flows_and_the_chart_built_in_python_are_escaped(client, fund, granted, project):
    """The per-project rows and the chart's bars are HTML built by the view (the template
    engine's per-cell work cost most of the page's time): a title is escaped there too."""
    from kyoso.projects.models import Project

    Project.objects.filter(pk=project.pk).update(title='<b>"子ども食堂"</b>')
    page = client.get(reverse("funding:detail", args=[fund.pk])).content.decode()
    assert "&lt;b&gt;&quot;子ども食堂&quot;&lt;/b&gt;" in page
    assert "<b>" not in page.split("<main", 1)[-1]
    assert f'<a href="{reverse("projects:detail", args=[project.pk])}">' in page
    assert '<rect x="160"' in page and 'fill="#1f6f8b"' in page
    assert "寄附" in page and "1,035,000円" in page
