import factory
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.notifications.models import Mail, Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "issues.comment"
    text = factory.Sequence(lambda n: f"フォロー中の課題にコメントがありました（{n}）")
    url = "/issues/1/"
    created_at = factory.LazyFunction(timezone.now)
    mail = Mail.NONE


def waiting_for_digest(recipient, count=1, period="daily", **kwargs):
    return NotificationFactory.create_batch(count, recipient=recipient, mail=Mail(period), **kwargs)
