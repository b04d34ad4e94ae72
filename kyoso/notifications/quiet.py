"""Quiet hours: when a person's immediate mail waits, and until when.

Hours are read in the site's time zone (``settings.TIME_ZONE``, Asia/Tokyo): people have no
time zone of their own. ``start`` is inside the quiet hours and ``end`` is not; when ``end`` is
earlier than ``start`` the quiet hours run over midnight (22:00–07:00).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone


def quiet_until(start: time | None, end: time | None, now: datetime) -> datetime | None:
    """The moment the quiet hours around ``now`` end, or None when ``now`` is outside them
    (or the person set none)."""
    if start is None or end is None or start == end:
        return None
    zone = timezone.get_default_timezone()
    local = now.astimezone(zone)
    moment = local.time().replace(tzinfo=None)
    if start < end:
        if not start <= moment < end:
            return None
        day = local.date()
    else:
        if end <= moment < start:
            return None
        day = local.date() + timedelta(days=1) if moment >= start else local.date()
    return datetime.combine(day, end, tzinfo=zone)
