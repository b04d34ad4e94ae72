"""Advice requests: chosen advisor or the secretariat's queue, the monthly limit (also under
concurrent assignment), statuses with history, the private record."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kyoso.network import messages
from kyoso.network.models import AdviceStatus, AdvisorMonth, RequestKind
from kyoso.network.services.advice import (
    advice_record_save,
    advice_request_assign,
    advice_request_create,
    advice_request_move,
)
from kyoso.network.services.common import NetworkError

pytestmark = pytest.mark.django_db


def ask(actor, advisor=None, subject="補助金の申請について"):
    return advice_request_create(
        actor=actor,
        kind=RequestKind.ADVICE,
        subject=subject,
        body="何から始めればよいか",
        advisor=advisor,
    )


def test_a_request_to_the_queue_is_assigned_by_the_secretariat(suzuki, sato, advisor_ito):
    advice = ask(suzuki)
    assert advice.status == AdviceStatus.NEW
    with pytest.raises(PermissionDenied):
        advice_request_assign(actor=suzuki, advice=advice, advisor=advisor_ito)
    advice_request_assign(actor=sato, advice=advice, advisor=advisor_ito)
    assert advice.status == AdviceStatus.ASSIGNED
    advice_request_move(
        actor=advisor_ito.user, advice=advice, to_status=AdviceStatus.IN_CONVERSATION
    )
    advice_record_save(actor=advisor_ito.user, advice=advice, text="事業計画の書き方を助言した")
    advice_request_move(actor=advisor_ito.user, advice=advice, to_status=AdviceStatus.DONE)
    assert [(c.from_status, c.to_status) for c in advice.changes.all()] == [
        ("", "new"),
        ("new", "assigned"),
        ("assigned", "in_conversation"),
        ("in_conversation", "done"),
    ]


def test_an_advisor_never_gets_more_than_their_monthly_limit(suzuki, takahashi, advisor_ito):
    ask(suzuki, advisor_ito)
    ask(takahashi, advisor_ito)
    with pytest.raises(NetworkError) as caught:
        ask(suzuki, advisor_ito, subject="三件目")
    assert caught.value.code == "advisor_full"
    assert caught.value.message == messages.ADVISOR_FULL % {"limit": 2}
    assert AdvisorMonth.objects.get(advisor=advisor_ito).count == 2


def test_the_requester_may_not_move_nor_read_the_record(client, suzuki, advisor_ito):
    advice = ask(suzuki, advisor_ito)
    advice_record_save(actor=advisor_ito.user, advice=advice, text="非公開の記録")
    with pytest.raises(PermissionDenied):
        advice_request_move(actor=suzuki, advice=advice, to_status=AdviceStatus.DONE)
    client.force_login(suzuki)
    page = client.get(reverse("advice:detail", args=[advice.pk]))
    assert page.status_code == 200
    assert "非公開の記録" not in page.content.decode()


def test_someone_else_gets_404(client, suzuki, takahashi, advisor_ito):
    advice = ask(suzuki, advisor_ito)
    client.force_login(takahashi)
    assert client.get(reverse("advice:detail", args=[advice.pk])).status_code == 404


def test_a_wrong_move_is_refused(suzuki, sato):
    advice = ask(suzuki)
    with pytest.raises(NetworkError) as caught:
        advice_request_move(actor=sato, advice=advice, to_status=AdviceStatus.DONE)
    assert caught.value.message == messages.ADVICE_MOVE_NOT_ALLOWED % {
        "status": AdviceStatus.NEW.label
    }


def test_empty_subject_is_refused(suzuki):
    with pytest.raises(NetworkError) as caught:
        ask(suzuki, subject=" ")
    assert caught.value.message == messages.ADVICE_SUBJECT_REQUIRED
