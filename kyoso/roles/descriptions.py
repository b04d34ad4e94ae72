"""One-line descriptions of the platform roles.

The five MAP'S+O descriptions follow the glossary of seed 002 (地域の持続的発展に向けた体制);
the secretariat is Kyoso's own staff role.
"""

from django.utils.translation import gettext_lazy as _

from kyoso.roles.models import PlatformRole

#: The order in which roles are listed: M, A, P, S, O, then the secretariat.
ROLE_ORDER: tuple[PlatformRole, ...] = (
    PlatformRole.MANAGER,
    PlatformRole.AGGREGATOR,
    PlatformRole.PLAYER,
    PlatformRole.SUPPORTER,
    PlatformRole.ORGANIZER,
    PlatformRole.SECRETARIAT,
)

ROLE_DESCRIPTIONS = {
    PlatformRole.MANAGER: _("地域の持続的発展に取り組む中核的な人材。"),
    PlatformRole.AGGREGATOR: _(
        "広域に対し、地域の持続的発展に資する製品やサービスを供給する組織。"
    ),
    PlatformRole.PLAYER: _("マネージャーとオーガナイザーに協力・連携する、地域内外の組織・人材。"),
    PlatformRole.SUPPORTER: _("オーガナイザーを支援する地方公共団体。"),
    PlatformRole.ORGANIZER: _(
        "マネージャーが所属し、アグリゲーターやプレイヤーと連携して取組の中心となる組織。"
    ),
    PlatformRole.SECRETARIAT: _(
        "中間支援組織の事務局。課題を前に進め、人をつなぎ、申請を審査し、監査ログを確認する"
        "（個人にのみ付与）。"
    ),
}
