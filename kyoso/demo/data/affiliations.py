"""Who belongs to which organization, and who holds which MAP'S+O role.

Keys refer to ``people.PEOPLE[*]["key"]`` and ``organizations.ORGANIZATIONS[*]["slug"]``.
The role reading follows Kyoso's labels (seed 002 names the roles): the hubs run the ecosystem
and connect (Manager + Aggregator), local governments support (Supporter), the groups that run
places and sessions organize (Organizer), and the teams doing projects play (Player).
"""

from kyoso.orgs.models import MemberRole as M
from kyoso.roles.models import PlatformRole as R

#: (organization slug, person key, MemberRole). Every organization has an owner. Where none of
#: the demo people works there, the secretariat holds it, as when 事務局 registers an
#: organization on its behalf before handing it over.
MEMBERSHIPS: list[tuple[str, str, str]] = [
    ("sendai-miyagi-social-hub", "sato", M.OWNER),
    ("sendai-miyagi-social-hub", "watanabe", M.ADMIN),
    ("sendai-miyagi-social-hub", "tanaka", M.ADMIN),
    ("sendai-miyagi-social-hub", "suzuki", M.MEMBER),
    ("sendai-miyagi-social-hub", "nakamura", M.MEMBER),
    ("sendai-shimin-katsudo-support-center", "watanabe", M.OWNER),
    ("sendai-shimin-katsudo-support-center", "sato", M.MEMBER),
    ("sendai-miyagi-npo-center", "watanabe", M.OWNER),
    ("toshi-design-works", "tanaka", M.OWNER),
    ("personal-support-center", "ito", M.OWNER),
    ("sendai-city", "kobayashi", M.OWNER),
    ("tagajo-city", "sato", M.OWNER),
    ("hop-step", "sato", M.OWNER),
    ("switch", "sato", M.OWNER),
    ("manaco", "sato", M.OWNER),
    ("ntt-east", "sato", M.OWNER),
    ("ntt-urban-development", "sato", M.OWNER),
    ("tohoku-epco", "yamamoto", M.OWNER),
    ("proto-solution", "sato", M.OWNER),
    ("sakata-city", "kato", M.OWNER),
    ("sakata-sanroku", "yamada", M.OWNER),
    ("sakata-sanroku", "kato", M.ADMIN),
    ("sakata-sanroku", "sato", M.ADMIN),
    ("sanjuroku-nin-shu", "yamada", M.OWNER),
    ("sanjuroku-nin-shu", "yamaguchi", M.MEMBER),
    ("sanroku-it-joshi", "matsumoto", M.OWNER),
    ("yamagata-ai-bu", "sato", M.OWNER),
    ("sakata-cci", "sato", M.OWNER),
    ("sakata-fureai-shokokai", "sato", M.OWNER),
    ("shiojiri-city", "sato", M.OWNER),
    ("shonai-minato-shinkin", "yoshida", M.OWNER),
    ("morinomiyako-kyoso-university", "nakamura", M.OWNER),
    ("shonai-nogyo-kyoso", "saito", M.OWNER),
    ("shonai-nogyo-kyoso", "yoshida", M.MEMBER),
    ("hataraku-minato-sakata", "sato", M.OWNER),
]

#: Roles held by people: (person key, PlatformRole).
PERSON_ROLES: list[tuple[str, str]] = [
    ("sato", R.SECRETARIAT),
    ("sato", R.MANAGER),
    ("yamada", R.MANAGER),
    ("yamada", R.ORGANIZER),
    ("watanabe", R.AGGREGATOR),
    ("yamaguchi", R.AGGREGATOR),
    ("tanaka", R.ORGANIZER),
    ("kobayashi", R.SUPPORTER),
    ("kato", R.SUPPORTER),
    ("suzuki", R.PLAYER),
    ("ito", R.PLAYER),
    ("yamamoto", R.PLAYER),
    ("nakamura", R.PLAYER),
    ("yoshida", R.PLAYER),
    ("sasaki", R.PLAYER),
    ("matsumoto", R.PLAYER),
    ("saito", R.PLAYER),
]

#: MAP'S+O roles held by organizations: (organization slug, PlatformRole value).
ORGANIZATION_ROLES: list[tuple[str, str]] = [
    ("sendai-miyagi-social-hub", R.MANAGER),
    ("sendai-miyagi-social-hub", R.AGGREGATOR),
    ("sakata-sanroku", R.MANAGER),
    ("sakata-sanroku", R.AGGREGATOR),
    ("sakata-sanroku", R.ORGANIZER),  # runs チーム庄内 and the coworking space
    ("sendai-miyagi-npo-center", R.AGGREGATOR),
    ("sendai-shimin-katsudo-support-center", R.ORGANIZER),  # マチノワひろば
    ("toshi-design-works", R.ORGANIZER),  # runs the online sessions
    ("personal-support-center", R.ORGANIZER),
    ("sanjuroku-nin-shu", R.AGGREGATOR),  # advice and introductions
    ("proto-solution", R.AGGREGATOR),  # JomoNex connects starters and jumpers
    ("ntt-east", R.AGGREGATOR),  # 仙台エコシステム
    ("sendai-city", R.SUPPORTER),
    ("tagajo-city", R.SUPPORTER),
    ("sakata-city", R.SUPPORTER),
    ("shiojiri-city", R.SUPPORTER),
    ("hop-step", R.PLAYER),
    ("switch", R.PLAYER),
    ("manaco", R.PLAYER),
    ("ntt-urban-development", R.PLAYER),
    ("tohoku-epco", R.PLAYER),
    ("sanroku-it-joshi", R.PLAYER),
    ("yamagata-ai-bu", R.PLAYER),
    ("sakata-cci", R.PLAYER),
    ("shonai-minato-shinkin", R.PLAYER),
    ("morinomiyako-kyoso-university", R.PLAYER),
    ("shonai-nogyo-kyoso", R.PLAYER),
    ("hataraku-minato-sakata", R.PLAYER),
]
