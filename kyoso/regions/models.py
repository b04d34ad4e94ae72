"""Prefectures (JIS X 0401) and municipalities (JIS X 0402).

Codes are stored as text so that leading zeros survive ("04" Miyagi, "04100" Sendai).
Municipality codes are the five-digit JIS X 0402 codes; the six-digit 全国地方公共団体コード
adds a check digit, computed by :func:`kyoso.regions.codes.with_check_digit`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Prefecture(models.Model):
    code = models.CharField(_("都道府県コード"), max_length=2, primary_key=True)
    name = models.CharField(_("名称"), max_length=10)
    name_kana = models.CharField(_("よみがな"), max_length=20)
    name_en = models.CharField(_("英語名"), max_length=30)

    class Meta:
        ordering = ["code"]
        verbose_name = _("都道府県")
        verbose_name_plural = _("都道府県")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}$"), name="prefecture_code_2_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    class Kind(models.TextChoices):
        DESIGNATED_CITY = "designated_city", _("政令指定都市")
        WARD = "ward", _("区")
        CITY = "city", _("市")
        TOWN = "town", _("町")
        VILLAGE = "village", _("村")

    code = models.CharField(_("市区町村コード"), max_length=5, primary_key=True)
    prefecture = models.ForeignKey(
        Prefecture, on_delete=models.PROTECT, related_name="municipalities"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="wards"
    )
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=30)
    name_kana = models.CharField(_("よみがな"), max_length=60)
    name_en = models.CharField(_("英語名"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("市区町村")
        verbose_name_plural = _("市区町村")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{5}$"), name="municipality_code_5_digits"
            ),
            # A ward (区 of a designated city) always has its city as parent; nothing else has one.
            models.CheckConstraint(
                condition=(
                    models.Q(kind="ward", parent__isnull=False)
                    | (~models.Q(kind="ward") & models.Q(parent__isnull=True))
                ),
                name="municipality_only_wards_have_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefecture.name}{self.name}" if self.parent_id is None else self.full_name

    @property
    def full_name(self) -> str:
        parent = self.parent if self.parent_id is not None else None
        if parent is not None:
            return f"{self.prefecture.name}{parent.name}{self.name}"
        return f"{self.prefecture.name}{self.name}"
