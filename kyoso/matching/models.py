"""Matching's own tables: a person's choice to be suggested or not, the precomputed feature row
and key postings of each person, and the feedback given on suggestions.

The feature row (:class:`MatchProfile`) and the postings (:class:`MatchKey`) are derived data,
rebuilt from the accounts, projects and issues apps by ``kyoso.matching.services.profiles``;
nothing else writes them. Each posting carries the visibility level of the profile field it
came from, so a ranking for a viewer reads only the postings that viewer may see.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: Levels of a profile field's visibility as numbers, so "may the viewer see it" is ``<=``.
LEVEL_PUBLIC = 0
LEVEL_MEMBERS = 1
LEVEL_SECRETARIAT = 2


class MatchingPreference(models.Model):
    """Whether a person may be suggested to others at all (absent row: yes)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="matching_preference",
    )
    suggest_me = models.BooleanField(_("わたしを他の人への提案に含める"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("マッチングの設定")
        verbose_name_plural = _("マッチングの設定")

    def __str__(self) -> str:
        return f"MatchingPreference of {self.user_id}"


class MatchProfile(models.Model):
    """One person's features, computed on write so that a ranking never reads profiles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="match_profile",
    )
    #: False for people who opted out, are inactive or deleted: they have no postings either.
    suggestible = models.BooleanField(default=True)
    display_name = models.CharField(max_length=150, blank=True)
    skill_keys = models.JSONField(default=list, blank=True)
    theme_keys = models.JSONField(default=list, blank=True)
    municipality_code = models.CharField(max_length=5, blank=True)
    prefecture_code = models.CharField(max_length=2, blank=True)
    municipality_name = models.CharField(max_length=80, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Takes side jobs or volunteer work (the "availability" field).
    available = models.BooleanField(default=False)
    #: Folded Sudachi terms of the bio and the person's posts with their TF-IDF weight (L2 = 1),
    #: only from text everyone signed in may read (``text_level``).
    text_terms = models.JSONField(default=dict, blank=True)
    #: Themes of the projects the person is an active member of (past work).
    past_theme_keys = models.JSONField(default=list, blank=True)
    #: Themes of the published events the person attended (seen at the level of "themes").
    event_theme_keys = models.JSONField(default=list, blank=True)
    project_count = models.PositiveIntegerField(default=0)
    #: {"skills": 0, "themes": 1, "municipality": 0, "availability": 1, "bio": 0}
    levels = models.JSONField(default=dict, blank=True)
    active_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("マッチング用の特徴")
        verbose_name_plural = _("マッチング用の特徴")

    def __str__(self) -> str:
        return f"MatchProfile of {self.user_id}"

    def level(self, field: str) -> int:
        return int(self.levels.get(field, LEVEL_SECRETARIAT))


class MatchKey(models.Model):
    """A posting: the person has ``key`` (``s:design``, ``t:childcare``, ``m:04202``,
    ``w:空き家``) with ``weight``, seen by viewers of ``level`` and above."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_keys"
    )
    key = models.CharField(max_length=80)
    weight = models.FloatField()
    level = models.PositiveSmallIntegerField()
    #: The person's last activity as a Unix time (0: none), copied from their feature row so
    #: that a common key's capped list (``features.KEY_CAP``) takes the most recently active.
    active = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="match_key_unique"),
            models.CheckConstraint(
                condition=Q(level__lte=LEVEL_SECRETARIAT), name="match_key_level"
            ),
        ]
        indexes = [
            # Covering, in the order a capped list reads a key: best weight, then most recent.
            models.Index(
                fields=["key", "-weight", "-active", "person", "level"], name="match_key_best"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.key}"


class MatchTerm(models.Model):
    """How many people's postings hold a word (``w:…``), for its idf. Kept in step by each
    refresh and recounted by ``rebuild_match_profiles``."""

    key = models.CharField(max_length=80, primary_key=True)
    people = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}:{self.people}"


class Verdict(models.TextChoices):
    INTERESTED = "interested", _("興味あり")
    NOT_NOW = "not_now", _("今はいい")


class SubjectKind(models.TextChoices):
    """What a suggestion was made for (``need:12``) or what was suggested to a person."""

    NEED = "need", _("プロジェクトのニーズ")
    MISSION = "mission", _("ミッション")
    ISSUE = "issue", _("課題")
    USER = "user", _("人")


class Feedback(models.Model):
    """One person's answer to one suggestion: ``candidate`` suggested for ``subject``.

    For the "for you" lists the subject is the person themselves (``user:{id}``) and the
    candidate is the mission, need or issue; for a need's people the subject is the need and
    the candidate the person. The latest answer counts (one row per triple).
    """

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_feedback"
    )
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    subject_id = models.PositiveBigIntegerField()
    candidate_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    candidate_id = models.PositiveBigIntegerField()
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("提案への反応")
        verbose_name_plural = _("提案への反応")
        constraints = [
            models.UniqueConstraint(
                fields=["viewer", "subject_kind", "subject_id", "candidate_kind", "candidate_id"],
                name="match_feedback_once",
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="match_feedback_verdict_known"
            ),
        ]
        indexes = [
            models.Index(
                fields=["subject_kind", "subject_id", "verdict"], name="match_feedback_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verdict}:{self.candidate_kind}:{self.candidate_id}"
