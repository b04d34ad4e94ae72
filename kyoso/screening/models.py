"""Screening rounds (審査): criteria, reviewers, items, conflicts, scores and decisions.

One round screens items of one *subject kind* (``"challenges.proposal"``, later grant
applications) that the owning app registers in :mod:`kyoso.screening.subjects`; an item only
keeps the subject's id. Business rules live in services/; permissions in rules.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 200
NAME_MAX = 100
DESCRIPTION_MAX = 2_000
COMMENT_MAX = 2_000
REASON_MAX = 4_000
KIND_MAX = 60
#: The scale of every criterion (always 1–5).
SCALE_MIN = 1
SCALE_MAX = 5
WEIGHT_MIN = 1
WEIGHT_MAX = 100
CRITERIA_MAX = 20


class Outcome(models.TextChoices):
    SELECTED = "selected", _("採択")
    SHORTLISTED = "shortlisted", _("候補")
    NOT_SELECTED = "not_selected", _("不採択")


class ScreeningRound(models.Model):
    title = models.CharField(_("審査の名前"), max_length=TITLE_MAX)
    #: The organization that screens (the poster): its owners and admins manage the round.
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("審査する団体"),
        on_delete=models.CASCADE,
        related_name="screening_rounds",
    )
    subject_kind = models.CharField(_("審査の対象"), max_length=KIND_MAX)
    deadline = models.DateTimeField(_("評価の締切"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("審査")
        verbose_name_plural = _("審査")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    round = models.ForeignKey(ScreeningRound, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("順番"))
    name = models.CharField(_("評価項目"), max_length=NAME_MAX)
    description = models.TextField(_("説明"), max_length=DESCRIPTION_MAX, blank=True)
    weight = models.PositiveSmallIntegerField(_("重み"))

    class Meta:
        verbose_name = _("評価項目")
        verbose_name_plural = _("評価項目")
        ordering = ["round_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="criterion_position_once"),
            models.CheckConstraint(
                condition=Q(weight__gte=WEIGHT_MIN) & Q(weight__lte=WEIGHT_MAX),
                name="criterion_weight_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Reviewer(models.Model):
    round = models.ForeignKey(ScreeningRound, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_reviews"
    )
    #: A decision maker as well as a reviewer.
    may_decide = models.BooleanField(_("決定できる"), default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("審査員")
        verbose_name_plural = _("審査員")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="reviewer_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.round_id}"


class ScreeningItem(models.Model):
    round = models.ForeignKey(ScreeningRound, on_delete=models.CASCADE, related_name="items")
    #: The id of the screened thing in the app that registered the round's subject kind.
    subject_id = models.PositiveBigIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)
    #: Withdrawn by the owning app (the proposal was withdrawn): kept for the record.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("審査対象")
        verbose_name_plural = _("審査対象")
        ordering = ["round_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "subject_id"], name="item_once_per_round"),
        ]
        indexes = [models.Index(fields=["subject_id"], name="screening_item_subject")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.subject_id}"


class ConflictDeclaration(models.Model):
    """A reviewer's declared conflict of interest on one item: from then on they neither score
    it nor see its scores. Declarations are never withdrawn (the record stays)."""

    item = models.ForeignKey(ScreeningItem, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("理由"), max_length=REASON_MAX)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("利益相反の申告")
        verbose_name_plural = _("利益相反の申告")
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="conflict_once_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}≠{self.item_id}"


class ReviewSubmission(models.Model):
    """One reviewer's complete set of scores on one item (every criterion).

    ``weighted_sum`` is Σ weight × score over the criteria, kept by the service in the same
    transaction as the scores, so the round's summary reads one row per reviewer and item
    (criteria cannot change once a score exists).
    """

    item = models.ForeignKey(ScreeningItem, on_delete=models.CASCADE, related_name="submissions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    weighted_sum = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("評価の提出")
        verbose_name_plural = _("評価の提出")
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="submission_once_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}→{self.item_id}"


class Score(models.Model):
    submission = models.ForeignKey(
        ReviewSubmission, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("点数"))
    comment = models.TextField(_("コメント"), max_length=COMMENT_MAX, blank=True)

    class Meta:
        verbose_name = _("評価")
        verbose_name_plural = _("評価")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE_MIN) & Q(value__lte=SCALE_MAX),
                name="score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Decision(models.Model):
    """Append-only: a change of mind is a new decision with its reason."""

    item = models.ForeignKey(ScreeningItem, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("結果"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("理由"), max_length=REASON_MAX)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        verbose_name = _("決定")
        verbose_name_plural = _("決定")
        ordering = ["item_id", "decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="decision_outcome_known"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="decision_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.outcome}"
