"""Daily and weekly digests: one mail per person, each notification mailed exactly once."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.notifications.models import EmailFrequency, Mail, Notification, NotificationPreference
from kyoso.notifications.services import notify, preference_update
from kyoso.notifications.tasks import digest_recipient_ids, run_digests, send_digest_to
from kyoso.notifications.tests.factories import NotificationFactory, waiting_for_digest


def _person(frequency, **kwargs):
    person = UserFactory(**kwargs)
    NotificationPreference.objects.create(user=person, email_frequency=frequency)
    return person


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run a callable and the on-commit callbacks it registered (the mail tasks)."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def test_one_mail_per_person_with_everything_waiting(db, run_on_commit):
    daily = _person(EmailFrequency.DAILY, display_name="山田")
    other = _person(EmailFrequency.DAILY)
    first = waiting_for_digest(daily, text="課題「空き家」にコメントがありました")[0]
    second = waiting_for_digest(daily, text="課題「防災」の段階が変わりました", url="/issues/2/")[0]
    waiting_for_digest(other, count=3)

    assert run_on_commit(run_digests, "daily") == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted([daily.email, other.email])
    message = next(m for m in mail.outbox if m.to == [daily.email])
    assert message.subject == "【Kyoso】今日のお知らせ（2件）"
    assert "山田 さん" in message.body
    assert message.body.index(first.text) < message.body.index(second.text)
    assert "http://127.0.0.1:8000/issues/2/" in message.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_running_again_sends_nothing(db, run_on_commit):
    waiting_for_digest(_person(EmailFrequency.DAILY), count=2)
    assert run_on_commit(run_digests, "daily") == 1
    assert run_on_commit(run_digests, "daily") == 0
    assert len(mail.outbox) == 1


def test_each_period_sends_only_its_own(db, run_on_commit):
    daily = _person(EmailFrequency.DAILY)
    weekly = _person(EmailFrequency.WEEKLY)
    waiting_for_digest(daily)
    waiting_for_digest(weekly, count=2, period="weekly")

    assert run_on_commit(run_digests, "weekly") == 1
    assert [m.to for m in mail.outbox] == [[weekly.email]]
    assert mail.outbox[0].subject == "【Kyoso】今週のお知らせ（2件）"
    assert Notification.objects.filter(recipient=daily, emailed_at__isnull=True).count() == 1


def test_already_mailed_read_or_never_mailed_notifications_are_not_digested(db, run_on_commit):
    daily = _person(EmailFrequency.DAILY)
    NotificationFactory(recipient=daily, mail=Mail.IMMEDIATE)
    NotificationFactory(recipient=daily, mail=Mail.NONE)
    assert digest_recipient_ids("daily") == []
    assert run_on_commit(run_digests, "daily") == 0


def test_inactive_and_deleted_people_get_no_digest(db, run_on_commit):
    waiting_for_digest(_person(EmailFrequency.DAILY, is_active=False))
    assert run_on_commit(run_digests, "daily") == 0
    assert mail.outbox == []


def test_switching_to_never_drops_what_waited(suzuki, run_on_commit):
    preference_update(actor=suzuki, email_frequency=EmailFrequency.DAILY)
    waiting_for_digest(suzuki, count=2)
    preference_update(actor=suzuki, email_frequency=EmailFrequency.NEVER)
    assert run_on_commit(run_digests, "daily") == 0
    assert set(Notification.objects.values_list("mail", flat=True)) == {Mail.NONE}


def test_switching_to_immediate_sends_what_waited_with_the_next_daily_digest(suzuki, run_on_commit):
    preference_update(actor=suzuki, email_frequency=EmailFrequency.WEEKLY)
    waiting_for_digest(suzuki, period="weekly")
    preference_update(actor=suzuki, email_frequency=EmailFrequency.IMMEDIATE)
    assert run_on_commit(run_digests, "weekly") == 0
    assert run_on_commit(run_digests, "daily") == 1
    assert [m.to for m in mail.outbox] == [[suzuki.email]]


def test_notifications_from_notify_reach_the_digest(suzuki, sato, run_on_commit):
    preference_update(actor=suzuki, email_frequency=EmailFrequency.DAILY)
    run_on_commit(
        notify,
        recipients=[suzuki],
        kind="issues.comment",
        actor=sato,
        target=None,
        text="コメントがありました",
        url="/issues/1/",
    )
    assert mail.outbox == []
    run_on_commit(run_digests, "daily")
    assert len(mail.outbox) == 1
    assert "コメントがありました（佐藤（事務局））" in mail.outbox[0].body


def test_a_worker_that_lost_the_race_sends_nothing(db, run_on_commit):
    """Worker A lists who is due, worker B sends everything, then A tries: A mails nothing."""
    person = _person(EmailFrequency.DAILY)
    waiting_for_digest(person, count=2)

    due_for_a = digest_recipient_ids("daily")
    assert run_on_commit(run_digests, "daily") == 1  # worker B
    assert [run_on_commit(send_digest_to, pk, period="daily") for pk in due_for_a] == [0]
    assert len(mail.outbox) == 1


def test_a_notification_arriving_between_two_workers_waits_for_the_next_day(db, run_on_commit):
    """Worker B mails the day's digest; a notification arrives; worker A, which listed the
    person before, sends nothing: one digest a day. The next day's digest holds the late one."""
    person = _person(EmailFrequency.DAILY)
    waiting_for_digest(person)
    due_for_a = digest_recipient_ids("daily")
    run_on_commit(run_digests, "daily")  # worker B mails the first one
    late = waiting_for_digest(person, text="あとから届いた通知")[0]
    assert run_on_commit(send_digest_to, due_for_a[0], period="daily") == 0  # worker A
    assert len(mail.outbox) == 1
    assert late.text not in mail.outbox[0].body
    tomorrow = timezone.now() + timedelta(days=1)
    assert run_on_commit(run_digests, "daily", tomorrow) == 1
    assert late.text in mail.outbox[1].body


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_time_mail_each_notification_once():
    people = [_person(EmailFrequency.DAILY) for _ in range(6)]
    for person in people:
        waiting_for_digest(person, count=3)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run_like_a_worker():
        # The test database on SQLite is in memory with a shared cache, which answers "table
        # is locked" at once instead of waiting busy_timeout as the file database does; a
        # worker meeting it simply runs again, as the next scheduled run would.
        for _attempt in range(50):
            try:
                return run_digests("daily")
            except OperationalError as error:
                if "locked" not in str(error):
                    raise
                time.sleep(0.01)
        raise AssertionError("the database stayed locked")

    def worker():
        try:
            barrier.wait(timeout=10)
            run_like_a_worker()
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all("3件" in m.subject for m in mail.outbox)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_management_command(db, run_on_commit, capsys):
    waiting_for_digest(_person(EmailFrequency.WEEKLY), period="weekly")
    run_on_commit(call_command, "send_digests", "--period", "weekly")
    assert "weekly digests sent: 1" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_management_command_refuses_an_unknown_period(db):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("send_digests", "--period", "monthly")


# --- Per type, once per period, in the person's language ------------------------------------


def test_a_digest_holds_only_the_types_set_to_its_period(suzuki, run_on_commit):
    from kyoso.notifications.models import NotificationSetting

    NotificationSetting.objects.create(user=suzuki, group="issues.comments", delivery="daily")
    NotificationSetting.objects.create(user=suzuki, group="issues.stages", delivery="weekly")
    for kind, text in [("issues.comment", "コメントの通知"), ("issues.stage", "段階の通知")]:
        notify(recipients=[suzuki], kind=kind, actor=None, target=None, text=text, url="/")
    run_on_commit(run_digests, "daily")
    run_on_commit(run_digests, "weekly")
    daily, weekly = mail.outbox
    assert "コメントの通知" in daily.body and "段階の通知" not in daily.body
    assert "段階の通知" in weekly.body and "コメントの通知" not in weekly.body


def test_never_more_than_one_digest_a_day_whatever_the_runs(db, run_on_commit):
    from kyoso.notifications.models import DigestSent

    person = _person(EmailFrequency.DAILY)
    morning = timezone.now().replace(hour=0, minute=30)  # 09:30 in Tokyo
    for hour in range(0, 12, 3):  # a run every three hours, each with something new waiting
        waiting_for_digest(person, text=f"{hour}時の通知")
        run_on_commit(run_digests, "daily", morning + timedelta(hours=hour))
    assert len(mail.outbox) == 1
    assert DigestSent.objects.get().count == 1
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 3
    run_on_commit(run_digests, "daily", morning + timedelta(days=1))
    assert len(mail.outbox) == 2
    assert "3件" in mail.outbox[1].subject


def test_never_more_than_one_digest_a_week(db, run_on_commit):
    person = _person(EmailFrequency.WEEKLY)
    monday = timezone.now().replace(hour=1) - timedelta(days=timezone.now().weekday())
    waiting_for_digest(person, period="weekly")
    run_on_commit(run_digests, "weekly", monday)
    waiting_for_digest(person, period="weekly")
    run_on_commit(run_digests, "weekly", monday + timedelta(days=3))
    assert len(mail.outbox) == 1
    run_on_commit(run_digests, "weekly", monday + timedelta(days=7))
    assert len(mail.outbox) == 2


def test_a_run_that_found_nothing_does_not_use_up_the_day(db, run_on_commit):
    from kyoso.notifications.models import DigestSent

    person = _person(EmailFrequency.DAILY)
    assert run_on_commit(send_digest_to, person.pk, period="daily") == 0
    assert not DigestSent.objects.exists()
    waiting_for_digest(person)
    assert run_on_commit(run_digests, "daily") == 1


def test_the_digest_is_written_in_the_persons_language(db, run_on_commit):
    english = _person(EmailFrequency.DAILY, display_name="Smith")
    NotificationPreference.objects.filter(user=english).update(language="en")
    japanese = _person(EmailFrequency.DAILY)
    waiting_for_digest(english)
    waiting_for_digest(japanese)
    run_on_commit(run_digests, "daily")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[english.email] == "[Kyoso] Today's notifications (1)"
    assert subjects[japanese.email] == "【Kyoso】今日のお知らせ（1件）"


def test_immediate_mail_is_written_in_the_recipients_language(suzuki, sato, run_on_commit):
    from django.utils import translation

    NotificationPreference.objects.create(user=suzuki, language="en")
    with translation.override("ja"):  # the actor's request is in Japanese
        run_on_commit(
            notify,
            recipients=[suzuki],
            kind="issues.comment",
            actor=sato,
            target=None,
            text="コメント",
            url="/issues/1/",
        )
    assert mail.outbox[0].body.splitlines()[0] == "Hello 鈴木,"
