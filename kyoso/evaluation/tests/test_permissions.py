"""Role × action × state: a draft report is the secretariat's only; a published one is
everyone's to read (page, PDF, tables); only the secretariat writes, publishes, withdraws.

Roles: anonymous, 高橋 (signed in, no part), 鈴木 (a citizen), 佐藤 (the secretariat).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.evaluation.models import ReportState
from kyoso.evaluation.selectors import year_report

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "takahashi", "suzuki", "sato"]

#: Reading actions (GET): name, URL name, extra kwargs. The PDF is rendered in test_pdf.py;
#: here its refusals are checked (they render nothing).
READS = [
    ("page", "evaluation:report", {}),
    ("xlsx", "evaluation:xlsx", {}),
    ("table_csv", "evaluation:table_csv", {"key": "events"}),
    ("table_xlsx", "evaluation:table_xlsx", {"key": "kpi"}),
]


def _client(client, django_user_model, role, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def _expect_refused(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("state", ["draft", "published"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "url_name", "kwargs"), READS)
def test_reading(client, django_user_model, request, sato, role, state, action, url_name, kwargs):
    if state == "published":
        request.getfixturevalue("published")
    client = _client(client, django_user_model, role, request)
    response = client.get(reverse(url_name, kwargs={"fy": 2021, **kwargs}))
    if state == "published" or role == "sato":
        assert response.status_code == 200
    else:
        _expect_refused(response, role)


@pytest.mark.parametrize("role", ["anonymous", "takahashi", "suzuki"])
def test_a_draft_pdf_is_refused(client, django_user_model, request, role):
    client = _client(client, django_user_model, role, request)
    _expect_refused(client.get(reverse("evaluation:pdf", kwargs={"fy": 2021})), role)


@pytest.mark.parametrize("state", ["draft", "published"])
@pytest.mark.parametrize("role", ROLES)
def test_highlights(client, django_user_model, request, sato, role, state):
    if state == "published":
        request.getfixturevalue("published")
    client = _client(client, django_user_model, role, request)
    url = reverse("evaluation:highlights", kwargs={"fy": 2021})
    shown = client.get(url)
    saved = client.post(url, {"summary": "11回開いた。"})
    if role == "sato":
        assert shown.status_code == 200
        assert saved.status_code == 302
        assert year_report(2021).highlights == {"summary": "11回開いた。"}
    else:
        _expect_refused(shown, role)
        _expect_refused(saved, role)
        assert year_report(2021).highlights == {}


@pytest.mark.parametrize("state", ["draft", "published"])
@pytest.mark.parametrize("role", ROLES)
def test_publish_and_withdraw(client, django_user_model, request, sato, role, state):
    if state == "published":
        request.getfixturevalue("published")
    client = _client(client, django_user_model, role, request)
    action = "withdraw" if state == "published" else "publish"
    response = client.post(
        reverse(f"evaluation:{action}", kwargs={"fy": 2021}), {"reason": "誤りの訂正"}
    )
    after = year_report(2021).state
    if role == "sato":
        assert response.status_code == 302
        assert after == (ReportState.DRAFT if state == "published" else ReportState.PUBLISHED)
    else:
        _expect_refused(response, role)
        assert after == state


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_drafts_to_the_secretariat_only(client, django_user_model, request, role):
    from kyoso.evaluation.services import report_highlights_save

    report_highlights_save(
        actor=request.getfixturevalue("sato"), fiscal_year=2020, bodies={"summary": "下書き"}
    )
    request.getfixturevalue("published")
    client = _client(client, django_user_model, role, request)
    response = client.get(reverse("evaluation:list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "令和3年度 評価報告書" in text
    assert ("令和2年度 評価報告書" in text) == (role == "sato")


@pytest.mark.parametrize("path", ["/evaluation/1999/", "/evaluation/2999/", "/evaluation/x/"])
def test_years_outside_the_range_are_not_found(client, sato, path):
    client.force_login(sato)
    assert client.get(path).status_code == 404


def test_an_unknown_table_is_not_found(client, published):
    response = client.get(reverse("evaluation:table_csv", kwargs={"fy": 2021, "key": "salaries"}))
    assert response.status_code == 404


def test_withdrawing_without_a_reason_says_why_and_keeps_it_published(client, sato, published):
    client.force_login(sato)
    response = client.post(
        reverse("evaluation:withdraw", kwargs={"fy": 2021}), {"reason": ""}, follow=True
    )
    assert "公開を止める理由を書いてください。" in response.content.decode()
    assert year_report(2021).is_published
