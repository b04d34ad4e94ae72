"""``notifications_unread`` for the header bell: one query, run only if a template reads it."""

from django.utils.functional import SimpleLazyObject

from kyoso.notifications.selectors import unread_count


def unread_notifications(request):
    user = getattr(request, "user", None)
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
