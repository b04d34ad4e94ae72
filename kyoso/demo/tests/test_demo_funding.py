"""The demo's local fund (seed 001): サンロク's fund with a company's and two citizens'
donations, a round screened by two reviewers, one project granted and paid its first tranche;
the ledger balanced, the fund searchable, loaded once."""

from kyoso.demo.services import demo_load
from kyoso.funding.models import ApplicationStatus, Fund, Grant
from kyoso.funding.selectors import transparency
from kyoso.ledger.checks import check_ledger
from kyoso.search.services import search


def test_the_local_fund_with_a_screened_round(db):
    demo_load()

    fund = Fund.objects.select_related("organization").get()
    assert fund.organization.slug == "sakata-sanroku"
    figures = transparency(fund)
    assert (figures.raised, figures.granted, figures.disbursed) == (3_040_000, 800_000, 500_000)
    assert (figures.available, figures.committed) == (2_240_000, 300_000)
    grant = Grant.objects.select_related("project", "application").get()
    assert grant.project.title == "枝豆の共同出荷で首都圏の販路をひらく"
    statuses = sorted(a.status for a in fund.rounds.get().applications.all())
    assert statuses == [ApplicationStatus.GRANTED, ApplicationStatus.NOT_SELECTED]
    assert check_ledger() == []
    assert [h.title for h in search("ローカルファンド", viewer=None, types=["funds"]).items] == [
        "さかたローカルファンド"
    ]

    second = demo_load()
    assert Fund.objects.count() == 1 and second.created.get("funds", 0) == 0
