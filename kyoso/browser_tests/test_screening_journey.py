"""A screening round in a browser: 山田 scores a proposal on a phone (a missing criterion is
refused and what he chose is kept), then sees the other reviewer's scores; 中村 of the applying
company is blocked from its proposal; 斎藤 of 酒田市 reads the summary and records a decision
(a decision without a reason is refused) — axe-clean and no sideways scroll at 360 px."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    flash_text,
    login,
    screenshot,
)
from kyoso.orgs.models import MemberRole, OrganizationType
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory
from kyoso.screening import messages, services
from kyoso.screening.models import Decision, ReviewSubmission
from kyoso.screening.services import CriterionSpec
from kyoso.screening.subjects import register_subject, unregister_subject
from kyoso.screening.tests.fake_subjects import KIND, FakeAdapter

pytestmark = pytest.mark.browser


@pytest.fixture
def adapter():
    fake = FakeAdapter()
    register_subject(KIND, fake)
    yield fake
    unregister_subject(KIND)


def test_score_block_summarize_decide(page, mobile_page, adapter):
    saito = UserFactory(email="saito@sakata.example.jp", display_name="斎藤")
    yamada = UserFactory(email="yamada@example.jp", display_name="山田")
    nakamura = UserFactory(email="nakamura@example.jp", display_name="中村")
    kobayashi = UserFactory(email="kobayashi@example.jp", display_name="小林")
    city = OrganizationFactory(
        slug="sakata", name="酒田市", org_type=OrganizationType.LOCAL_GOVERNMENT
    )
    MembershipFactory(organization=city, user=saito, role=MemberRole.ADMIN)
    tech = OrganizationFactory(slug="shonai-tech", name="庄内テック")
    MembershipFactory(organization=tech, user=nakamura)
    round = services.round_create(
        actor=saito,
        title="庄内の交通課題の提案審査",
        organization_id=city.pk,
        subject_kind=KIND,
        criteria=[
            CriterionSpec(
                name="課題の理解", weight=3, description="地域の課題をどれだけ理解しているか"
            ),
            CriterionSpec(name="実現性", weight=2, description="体制と予算で実現できるか"),
        ],
    )
    for person in (yamada, nakamura, kobayashi):
        services.reviewer_add(actor=saito, round=round, user=person)
    adapter.add(101, "庄内テックのデマンド交通", tech.pk)
    item = services.item_add(round=round, subject_id=101)
    services.scores_submit(
        actor=kobayashi,
        item=item,
        values={c.pk: (5, "地元の声をよく聞いている") for c in round.criteria.all()},
    )
    criteria = list(round.criteria.order_by("position"))

    # 1. 山田 opens his round and the proposal on a phone.
    login(mobile_page, yamada.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("screening:round", args=[round.pk]))
    check_axe(mobile_page, context="reviewer's items")
    assert_no_horizontal_scroll(mobile_page)
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("link", name="庄内テックのデマンド交通").click()
    main = mobile_page.locator("main").inner_text()
    assert str(messages.SCORES_HIDDEN_UNTIL_SUBMITTED) in main
    assert "地元の声をよく聞いている" not in main
    check_axe(mobile_page, context="scoring form")
    assert_no_horizontal_scroll(mobile_page)

    # 2. He scores only the first criterion: refused, his choice and comment kept.
    first = mobile_page.get_by_role("group", name="「課題の理解」の点数（1〜5）")
    first.get_by_label("4").check()
    mobile_page.get_by_label("「課題の理解」へのコメント").fill("課題をよく調べている")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="評価を提出する").click()
    main = mobile_page.locator("main").inner_text()
    assert str(messages.SCORE_REQUIRED % {"name": "実現性"}) in main
    assert first.get_by_label("4").is_checked()
    assert (
        mobile_page.get_by_label("「課題の理解」へのコメント").input_value()
        == "課題をよく調べている"
    )
    check_axe(mobile_page, context="scoring form with an error")
    screenshot(mobile_page, "screening-01-missing-criterion")

    # 3. He completes it; now he sees 小林's scores.
    mobile_page.get_by_role("group", name="「実現性」の点数（1〜5）").get_by_label("3").check()
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="評価を提出する").click()
    assert str(messages.SCORES_SUBMITTED) in flash_text(mobile_page)
    assert "地元の声をよく聞いている" in mobile_page.locator("main").inner_text()
    assert ReviewSubmission.objects.filter(user=yamada).get().weighted_sum == 4 * 3 + 3 * 2
    screenshot(mobile_page, "screening-02-scores-visible")

    # 4. 中村 of 庄内テック may not score his own company's proposal.
    login(page, nakamura.email, DEFAULT_PASSWORD)
    page.goto(reverse("screening:item", args=[round.pk, item.pk]))
    main = page.locator("main").inner_text()
    assert str(messages.CONFLICT_OWN_ORGANIZATION) in main
    assert "地元の声をよく聞いている" not in main
    assert page.locator(f"input[name=score_{criteria[0].pk}]").count() == 0
    check_axe(page, context="conflicted reviewer")

    # 5. 斎藤 reads the summary (5.00 and 3.60: total 4.30, spread 1.40) and decides.
    page.context.clear_cookies()
    login(page, saito.email, DEFAULT_PASSWORD)
    page.goto(reverse("screening:summary", args=[round.pk]))
    table = page.locator("table").inner_text()
    assert "庄内テックのデマンド交通" in table and "4.30" in table and "1.40" in table
    check_axe(page, context="summary")
    screenshot(page, "screening-03-summary")
    page.goto(reverse("screening:decide", args=[round.pk, item.pk]))
    page.get_by_label("採択", exact=True).check()
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="決定を記録する").click()
    assert str(messages.DECISION_REASON_REQUIRED) in page.locator("main").inner_text()
    assert page.get_by_label("採択", exact=True).is_checked()
    check_axe(page, context="decision form with an error")
    page.get_by_label("理由（応募者に伝わります）").fill("地域の交通空白を埋める具体策がある")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="決定を記録する").click()
    assert str(messages.DECISION_RECORDED) in flash_text(page)
    assert "地域の交通空白を埋める具体策がある" in page.locator("main").inner_text()
    assert Decision.objects.get().outcome == "selected"
    assert adapter.decided_calls[0]["outcome"] == "selected"
    check_axe(page, context="decision history")
    screenshot(page, "screening-04-decided")
