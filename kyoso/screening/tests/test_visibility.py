"""Anti-anchoring and conflicts on the pages: a reviewer sees others' scores only after
submitting their own, never on an item they are conflicted on (enforced by the rule: the page,
the summary and the CSV all ask it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.screening import messages, services
from kyoso.screening.tests.conftest import fresh, values_for

pytestmark = pytest.mark.django_db


def item_url(item):
    return reverse("screening:item", args=[item.round_id, item.pk])


def test_a_reviewer_sees_others_scores_only_after_submitting(
    client, round, item_b, reviewer, decider
):
    services.scores_submit(
        actor=decider, item=fresh(item_b), values=values_for(round, 5, 5, 5, comment="秀逸な案")
    )
    client.force_login(reviewer)
    before = client.get(item_url(item_b)).content.decode()
    assert "秀逸な案" not in before
    assert str(messages.SCORES_HIDDEN_UNTIL_SUBMITTED) in before
    services.scores_submit(actor=reviewer, item=fresh(item_b), values=values_for(round, 2, 2, 2))
    after = client.get(item_url(item_b)).content.decode()
    assert "秀逸な案" in after


def test_a_conflicted_reviewer_never_sees_the_scores(
    client, round, item_a, item_b, reviewer, decider, company_reviewer
):
    services.scores_submit(
        actor=decider, item=fresh(item_a), values=values_for(round, 5, 5, 5, comment="秀逸な案")
    )
    client.force_login(company_reviewer)
    page = client.get(item_url(item_a)).content.decode()
    assert "秀逸な案" not in page
    assert str(messages.SCORES_HIDDEN_CONFLICT) in page
    assert str(messages.CONFLICT_OWN_ORGANIZATION) in page
    # The score form is not even offered, and a forged POST is refused with the message.
    assert 'name="score_' not in page
    response = client.post(
        reverse("screening:score", args=[round.pk, item_a.pk]),
        {f"score_{cid}": "5" for cid in values_for(round, 5, 5, 5)},
    )
    assert response.status_code == 409
    assert str(messages.CONFLICT_OWN_ORGANIZATION) in response.content.decode()


def test_the_summary_blanks_totals_a_decider_may_not_see_yet(
    client, round, item_a, item_b, reviewer, decider
):
    services.scores_submit(actor=reviewer, item=fresh(item_a), values=values_for(round, 5, 1, 1))
    services.scores_submit(actor=reviewer, item=fresh(item_b), values=values_for(round, 1, 1, 1))
    services.scores_submit(actor=decider, item=fresh(item_b), values=values_for(round, 5, 5, 5))
    client.force_login(decider)
    rows = client.get(reverse("screening:summary", args=[round.pk])).context["rows"]
    assert [(r["title"], r["visible"]) for r in rows] == [
        ("庄内テックのデマンド交通", False),
        ("鳥海ラボの相乗りアプリ", True),
    ]
    page = client.get(reverse("screening:summary", args=[round.pk])).content.decode()
    assert "非表示" in page and "3.00" in page and "4.00" in page


def test_the_csv_leaves_out_what_the_viewer_may_not_see(
    client, round, item_a, item_b, reviewer, decider
):
    services.scores_submit(
        actor=reviewer, item=fresh(item_a), values=values_for(round, 5, 1, 1, comment="Aの講評")
    )
    services.scores_submit(
        actor=reviewer, item=fresh(item_b), values=values_for(round, 1, 1, 1, comment="Bの講評")
    )
    client.force_login(decider)
    body = client.get(reverse("screening:scores_csv", args=[round.pk])).content.decode("utf-8")
    assert "Aの講評" not in body and "Bの講評" not in body
    services.scores_submit(actor=decider, item=fresh(item_b), values=values_for(round, 3, 3, 3))
    body = client.get(reverse("screening:scores_csv", args=[round.pk])).content.decode("utf-8")
    assert "Aの講評" not in body and "Bの講評" in body
