"""The one shared vocabulary of skill tags.

Project needs, missions and (later) matching and profiles all name skills with these keys, so
that a need for 「デザイン」 and a person offering 「デザイン」 meet without string guessing. The
keys are stable English words; the labels are Japanese with English translations.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Skill(models.TextChoices):
    FACILITATION = "facilitation", _("ファシリテーション")
    COORDINATION = "coordination", _("コーディネート")
    PLANNING = "planning", _("企画・事業計画")
    RESEARCH = "research", _("調査・ヒアリング")
    DATA = "data", _("データ分析")
    IT = "it", _("IT・開発")
    DESIGN = "design", _("デザイン")
    WRITING = "writing", _("文章・編集")
    PR = "pr", _("広報・情報発信")
    MARKETING = "marketing", _("マーケティング・販路開拓")
    PHOTO_VIDEO = "photo_video", _("写真・映像")
    EVENTS = "events", _("イベント運営")
    ACCOUNTING = "accounting", _("会計・経理")
    FUNDRAISING = "fundraising", _("資金調達")
    LEGAL = "legal", _("法務・契約")
    MANAGEMENT = "management", _("経営・組織運営")
    EDUCATION = "education", _("教育・学習支援")
    CARE = "care", _("福祉・介護・子育て支援")
    AGRICULTURE = "agriculture", _("農業・一次産業")
    CONSTRUCTION = "construction", _("建築・不動産・空き家活用")
    TOURISM = "tourism", _("観光・インバウンド")
    LANGUAGE = "language", _("語学・通訳")
    POLICY = "policy", _("行政・政策")
    OTHER = "other", _("その他")


SKILL_KEYS = frozenset(s.value for s in Skill)
