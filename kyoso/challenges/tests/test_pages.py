"""The pages: the list's filters and keyset pages, the detail, posting through the form,
proposing with a PDF through the form (a fake PDF is refused and nothing typed is lost), and
their query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kyoso.challenges import messages
from kyoso.challenges.models import Challenge, ChallengeStatus, Direction, OfferKind, Proposal
from kyoso.challenges.selectors import PER_PAGE
from kyoso.challenges.tests.factories import ChallengeFactory, in_days, org_with_manager
from kyoso.core.testing import assert_num_queries
from kyoso.orgs.models import OrganizationType


@pytest.fixture
def variety(city, company):
    reverse_one = ChallengeFactory(
        organization=company,
        direction=Direction.COMPANY_POSTS,
        title="店舗の実証フィールドを探しています",
        open_to_company=False,
        open_to_local_government=True,
        offer_kind=OfferKind.TRIAL_FIELD,
        budget_yen=None,
        theme="industry",
    )
    big = ChallengeFactory(organization=city, title="バスの再編", budget_yen=20_000_000)
    past = ChallengeFactory(
        organization=city,
        title="締切を過ぎたチャレンジ",
        questions_until=in_days(-10),
        proposals_until=in_days(-5),
        decision_by=in_days(10),
    )
    return reverse_one, big, past


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"direction": "company_posts"}, {"店舗の実証フィールドを探しています"}),
        ({"proposer": "local_government"}, {"店舗の実証フィールドを探しています"}),
        ({"budget": "trial_field"}, {"店舗の実証フィールドを探しています"}),
        ({"budget": "10m_plus"}, {"バスの再編"}),
        ({"theme": "industry"}, {"店舗の実証フィールドを探しています"}),
        ({"open_now": "on", "direction": "municipality_posts"}, {"バスの再編"}),
        ({"direction": "municipality_posts"}, {"バスの再編", "締切を過ぎたチャレンジ"}),
    ],
)
def test_the_filters(client, variety, query, expected):
    page = client.get(reverse("challenges:list"), query)
    titles = {c.title for c in page.context["page"].items}
    assert titles == expected


def test_a_bad_filter_value_is_dropped_with_a_notice(client, variety):
    page = client.get(reverse("challenges:list"), {"direction": "sideways"})
    assert page.status_code == 200
    assert str(messages.FILTER_INVALID) in page.content.decode()


def test_keyset_pages_and_a_broken_cursor(client, city):
    now = timezone.now()
    for i in range(PER_PAGE + 3):
        ChallengeFactory(organization=city, published_at=now - timedelta(minutes=i))
    first = client.get(reverse("challenges:list"))
    cursor = first.context["page"].next_cursor
    second = client.get(reverse("challenges:list"), {"after": cursor})
    assert len(first.context["page"].items) == PER_PAGE
    assert len(second.context["page"].items) == 3
    broken = client.get(reverse("challenges:list"), {"after": "garbage"})
    assert str(messages.PAGE_INVALID) in broken.content.decode()


def test_list_query_count(client, variety):
    # Cold: 1 municipalities of the filter, 2 the page's rows with poster and place.
    with assert_num_queries(2, label="cold"):
        client.get(reverse("challenges:list"))
    # Warm: the places come from the cache; 1 the page's rows.
    with assert_num_queries(1, label="warm"):
        client.get(reverse("challenges:list"))
    with assert_num_queries(1, label="warm, filtered"):
        client.get(reverse("challenges:list"), {"direction": "municipality_posts"})


def _places(client) -> list[str]:
    form = client.get(reverse("challenges:list")).context["form"]
    return [code for code, _name in form.fields["municipality"].choices if code]


def test_the_filter_places_follow_publishing_and_editing(
    client, city, city_admin, django_capture_on_commit_callbacks
):
    """The cached places are read again after a challenge is published or moved elsewhere."""
    from kyoso.challenges.services.challenges import (
        challenge_create,
        challenge_publish,
        challenge_update,
    )
    from kyoso.challenges.tests.test_posting import valid_data
    from kyoso.regions.selectors import municipality_by_code

    draft = challenge_create(
        actor=city_admin,
        organization=city,
        data=valid_data(municipality=municipality_by_code("06204")),
    )
    assert _places(client) == []  # a draft's place is not offered (and is now cached)
    with django_capture_on_commit_callbacks(execute=True):
        challenge_publish(actor=city_admin, challenge=draft)
    assert _places(client) == ["06204"]
    with django_capture_on_commit_callbacks(execute=True):
        challenge_update(
            actor=city_admin,
            challenge=draft,
            data=valid_data(municipality=municipality_by_code("04101")),
        )
    # A ward brings its city: 仙台市 finds 青葉区.
    assert _places(client) == ["04100", "04101"]
    rendered = client.get(reverse("challenges:list")).content.decode()
    assert '<option value="04101">' in rendered


def test_detail_query_count(client, challenge, company_admin):
    client.force_login(company_admin)
    client.get(reverse("challenges:detail", args=[challenge.pk]))  # warm the session
    # 1 session, 2 user, 3 challenge with poster and place, 4 issues, 5 projects, 6 questions,
    # 7 the viewer's organizations, 8 a proposal of theirs, 9 following?, 10 poster role,
    # 11 the viewer's managed organizations for "may propose" is not asked (rule only).
    with assert_num_queries(10):
        client.get(reverse("challenges:detail", args=[challenge.pk]))


def test_posting_through_the_form(client, city, city_admin):
    client.force_login(city_admin)
    form = {
        "title": "観光案内をAIで",
        "problem": "案内所の人手が足りない",
        "offer_kind": "budget",
        "budget_yen": "1000000",
        "questions_until": in_days(5).isoformat(),
        "proposals_until": in_days(10).isoformat(),
        "decision_by": in_days(20).isoformat(),
        "proposers": ["company"],
        "criterion_1_name": "効果",
        "criterion_1_weight": "60",
        "criterion_2_name": "費用",
        "criterion_2_weight": "40",
    }
    response = client.post(reverse("challenges:create") + "?organization=sakata", form)
    challenge = Challenge.objects.get(title="観光案内をAIで")
    assert response.status_code == 302
    assert challenge.criteria_draft == [
        {"name": "効果", "weight": 60, "description": ""},
        {"name": "費用", "weight": 40, "description": ""},
    ]
    bad = client.post(
        reverse("challenges:create") + "?organization=sakata",
        {**form, "title": "二つ目", "offer_kind": "trial_field"},
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert str(messages.BUDGET_ONLY_WITH_BUDGET) in page and "二つ目" in page


def test_proposing_with_a_pdf_and_a_fake_one(client, challenge, company, company_admin):
    client.force_login(company_admin)
    url = reverse("challenges:propose", args=[challenge.pk])
    form = {"organization": str(company.pk), "summary": "雪のセンサー", "approach": "20か所"}
    fake = SimpleUploadedFile("提案書.pdf", b"<html>not a pdf</html>", "application/pdf")
    refused = client.post(url, {**form, "pdfs": [fake]})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert str(messages.FILE_NOT_PDF % {"name": "提案書.pdf"}) in page
    assert "雪のセンサー" in page  # nothing typed is lost
    assert not Proposal.objects.exists()
    real = SimpleUploadedFile("提案書.pdf", b"%PDF-1.7\n...", "application/pdf")
    response = client.post(url, {**form, "pdfs": [real]})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.attachments.count() == 1
    again = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert reverse("challenges:proposal", args=[proposal.pk]) in again


def test_a_municipality_proposes_to_a_reverse_challenge(client, company):
    city_b = org_with_manager(org_type=OrganizationType.LOCAL_GOVERNMENT, slug="tsuruoka")
    admin = city_b.memberships.get().user
    reverse_one = ChallengeFactory(
        organization=company,
        direction=Direction.COMPANY_POSTS,
        open_to_company=False,
        open_to_local_government=True,
    )
    client.force_login(admin)
    response = client.post(
        reverse("challenges:propose", args=[reverse_one.pk]),
        {"organization": str(city_b.pk), "summary": "市の公園で実証", "approach": "公園3か所"},
    )
    assert response.status_code == 302
    assert Proposal.objects.get().organization == city_b


def test_my_proposals_page(client, challenge, company, company_admin):
    from kyoso.challenges.tests.factories import ProposalFactory

    ProposalFactory(challenge=challenge, organization=company)
    client.force_login(company_admin)
    page = client.get(reverse("challenges:mine")).content.decode()
    assert challenge.title in page


def test_a_closed_challenge_takes_no_proposals(client, challenge, company_admin):
    Challenge.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.CLOSED)
    client.force_login(company_admin)
    assert client.get(reverse("challenges:propose", args=[challenge.pk])).status_code == 403
