"""Fixed vocabularies of the Social Lab: themes, SDGs, target groups and the 14 walls."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    CHILDCARE = "childcare", _("子育て・子ども")
    EDUCATION = "education", _("教育・学び")
    WELFARE = "welfare", _("福祉・介護")
    HEALTH = "health", _("健康・医療")
    GENDER = "gender", _("ジェンダー・女性の活躍")
    WORK = "work", _("しごと・雇用")
    AGRICULTURE = "agriculture", _("農林水産業")
    INDUSTRY = "industry", _("ものづくり・地域産業")
    TOURISM = "tourism", _("観光・交流")
    HOUSING = "housing", _("住まい・空き家")
    MOBILITY = "mobility", _("交通・移動")
    DISASTER = "disaster", _("防災・復興")
    ENVIRONMENT = "environment", _("環境・エネルギー")
    COMMUNITY = "community", _("まちづくり・地域コミュニティ")
    DIGITAL = "digital", _("デジタル・IT")
    CULTURE = "culture", _("文化・スポーツ")
    MULTICULTURAL = "multicultural", _("多文化共生")


StrOrPromise = str | Promise


class FacetKind(models.TextChoices):
    """The four facets a tagged thing (an issue, a project) carries from this vocabulary."""

    THEME = "theme", _("テーマ")
    SDG = "sdg", _("SDGs")
    TARGET = "target", _("対象")
    WALL = "wall", _("官民連携の壁")


# The 17 Sustainable Development Goals (United Nations), Japanese names as used by the
# Government of Japan's SDGs Promotion Headquarters.
SDGS: list[tuple[str, StrOrPromise]] = [
    ("sdg01", _("1 貧困をなくそう")),
    ("sdg02", _("2 飢餓をゼロに")),
    ("sdg03", _("3 すべての人に健康と福祉を")),
    ("sdg04", _("4 質の高い教育をみんなに")),
    ("sdg05", _("5 ジェンダー平等を実現しよう")),
    ("sdg06", _("6 安全な水とトイレを世界中に")),
    ("sdg07", _("7 エネルギーをみんなに そしてクリーンに")),
    ("sdg08", _("8 働きがいも経済成長も")),
    ("sdg09", _("9 産業と技術革新の基盤をつくろう")),
    ("sdg10", _("10 人や国の不平等をなくそう")),
    ("sdg11", _("11 住み続けられるまちづくりを")),
    ("sdg12", _("12 つくる責任 つかう責任")),
    ("sdg13", _("13 気候変動に具体的な対策を")),
    ("sdg14", _("14 海の豊かさを守ろう")),
    ("sdg15", _("15 陸の豊かさも守ろう")),
    ("sdg16", _("16 平和と公正をすべての人に")),
    ("sdg17", _("17 パートナーシップで目標を達成しよう")),
]


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("子ども")
    YOUTH = "youth", _("若者")
    YOUNG_WOMEN = "young_women", _("若年女性")
    PARENTS = "parents", _("子育て世帯")
    ELDERLY = "elderly", _("高齢者")
    DISABILITIES = "disabilities", _("障がいのある人")
    FOREIGN_RESIDENTS = "foreign_residents", _("外国人住民")
    JOBSEEKERS = "jobseekers", _("求職者・生活困窮者")
    BUSINESSES = "businesses", _("事業者")
    EVERYONE = "everyone", _("地域住民全般")


class Wall(models.TextChoices):
    """The 14 walls of public-private partnership (seed 004, 東北経済産業局, 図表1)."""

    IDEATION = "ideation", _("アイディエーションの壁")
    PRECEDENT = "precedent", _("前例主義の壁")
    VERBALIZATION = "verbalization", _("言語化の壁")
    TALENT = "talent", _("人材育成の壁")
    BOSS = "boss", _("上司の壁")
    OWNER = "owner", _("実行主体の壁")
    MATCHING = "matching", _("マッチングの壁")
    FAIRNESS = "fairness", _("公平性の壁")
    BUDGET = "budget", _("予算の壁")
    CONSENSUS = "consensus", _("合意形成の壁")
    DECISION = "decision", _("意思決定の壁")
    CULTURE = "culture", _("文化の壁")
    TRACK_RECORD = "track_record", _("実績の壁")
    TRANSFER = "transfer", _("人事異動の壁")
