"""A map point kept as two decimal columns (latitude, longitude), shared by every model that
has one (issues, events): the fields and the constraints that keep a point whole and on Earth."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def latitude_field() -> models.DecimalField:
    return models.DecimalField(_("緯度"), max_digits=9, decimal_places=6, null=True, blank=True)


def longitude_field() -> models.DecimalField:
    return models.DecimalField(_("経度"), max_digits=9, decimal_places=6, null=True, blank=True)


def point_constraints(prefix: str) -> list[models.CheckConstraint]:
    """``<prefix>_point_valid`` (within ±90° / ±180°) and ``<prefix>_point_complete`` (both
    coordinates or neither)."""
    return [
        models.CheckConstraint(
            condition=Q(latitude__isnull=True)
            | (
                Q(latitude__gte=-90)
                & Q(latitude__lte=90)
                & Q(longitude__gte=-180)
                & Q(longitude__lte=180)
            ),
            name=f"{prefix}_point_valid",
        ),
        models.CheckConstraint(
            condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
            | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
            name=f"{prefix}_point_complete",
        ),
    ]
