"""Mail is queued as a background task after commit and sent by the worker."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from kyoso.core.mail import queue_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(subject="件名", body="本文", to=["a@example.jp"])
        raise RuntimeError("rolled back")
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_queued_mail_waits_for_the_worker_then_is_sent():
    with override_settings(TASKS=DATABASE_TASKS):
        with transaction.atomic():
            queue_email(subject="【Kyoso】確認", body="本文です", to=["a@example.jp"])
        assert mail.outbox == []
        assert DBTaskResult.objects.count() == 1

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert [(m.subject, m.to) for m in mail.outbox] == [("【Kyoso】確認", ["a@example.jp"])]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_password_reset_mail_reaches_the_person(client, suzuki, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "SUZUKI@example.jp"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [suzuki.email]
    assert "/accounts/password/reset/" in mail.outbox[0].body
