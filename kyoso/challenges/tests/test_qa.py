"""Public Q&A: every proposer reads the same answers, the asker's name is never shown, answers
notify the followers, and questions close on their deadline."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kyoso.challenges import messages
from kyoso.challenges.models import Follow
from kyoso.challenges.services.challenges import follow_set
from kyoso.challenges.services.common import ChallengeError
from kyoso.challenges.services.qa import question_answer, question_ask
from kyoso.challenges.tests.factories import in_days
from kyoso.notifications.models import Notification


def test_answers_reach_every_follower_and_the_asker_stays_hidden(
    client, challenge, city_admin, company_admin, rival_admin
):
    question = question_ask(actor=company_admin, challenge=challenge, text="センサーの電源は？")
    follow_set(actor=rival_admin, challenge=challenge, on=True)
    question_answer(actor=city_admin, question=question, answer="電柱から取れます。")
    notified = set(
        Notification.objects.filter(kind="challenges.answer").values_list("recipient_id", flat=True)
    )
    assert notified == {company_admin.pk, rival_admin.pk}  # the asker follows by asking
    client.force_login(rival_admin)
    page = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert "センサーの電源は？" in page and "電柱から取れます。" in page
    assert "鈴木" not in page and "suzuki@" not in page


def test_no_question_after_the_questions_deadline(challenge, company_admin):
    with pytest.raises(ChallengeError) as refused:
        question_ask(
            actor=company_admin, challenge=challenge, text="まだ間に合う？", today=in_days(11)
        )
    assert refused.value.message == messages.QUESTIONS_CLOSED % {
        "date": challenge.questions_until.isoformat()
    }
    # The deadline day itself still takes questions.
    question_ask(actor=company_admin, challenge=challenge, text="当日は？", today=in_days(10))


def test_the_poster_does_not_ask_and_others_do_not_answer(challenge, city_admin, company_admin):
    with pytest.raises(PermissionDenied):
        question_ask(actor=city_admin, challenge=challenge, text="自問自答")
    question = question_ask(actor=company_admin, challenge=challenge, text="予算の内訳は？")
    with pytest.raises(PermissionDenied):
        question_answer(actor=company_admin, question=question, answer="勝手に回答")


def test_empty_and_overlong_questions_are_refused(challenge, company_admin):
    with pytest.raises(ChallengeError) as empty:
        question_ask(actor=company_admin, challenge=challenge, text="   ")
    assert empty.value.message == messages.QUESTION_REQUIRED
    with pytest.raises(ChallengeError) as long:
        question_ask(actor=company_admin, challenge=challenge, text="あ" * 1001)
    assert long.value.code == "too_long"


def test_following_twice_counts_once(challenge, outsider):
    assert follow_set(actor=outsider, challenge=challenge, on=True)
    assert follow_set(actor=outsider, challenge=challenge, on=True)
    challenge.refresh_from_db()
    assert challenge.follower_count == 1
    assert not follow_set(actor=outsider, challenge=challenge, on=False)
    challenge.refresh_from_db()
    assert challenge.follower_count == 0 and not Follow.objects.exists()


def test_questions_page_posts_after_the_deadline_say_why(client, challenge, company_admin):
    challenge.questions_until = in_days(-1)
    challenge.proposals_until = in_days(5)
    challenge.save()
    client.force_login(company_admin)
    response = client.post(reverse("challenges:ask", args=[challenge.pk]), {"text": "遅れた質問"})
    assert response.status_code == 400
    assert str(messages.QUESTIONS_CLOSED % {"date": challenge.questions_until.isoformat()}) in (
        response.content.decode()
    )
