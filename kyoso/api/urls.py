"""The Kyoso REST API, mounted at ``/api/v1/`` by ``kyoso/urls.py``.

Each capability adds its router module under ``kyoso/api/routers/`` and one line here.
"""

from kyoso.api.application import KyosoAPI
from kyoso.api.routers import (
    archive,
    campaigns,
    challenges,
    communities,
    evaluation,
    events,
    funds,
    hubs,
    issues,
    kpi,
    matching,
    me,
    missions,
    network,
    organizations,
    project_work,
    projects,
    regions,
    screenings,
    search,
    tokens,
)

#: Shown at the top of the docs page (Markdown).
DESCRIPTION = """\
Kyoso（共創）の REST API です。

- **認証**: `Authorization: Bearer kyo_…`（個人用APIトークン。`POST /api/v1/auth/token` で発行。
  スコープは read と write）、またはログイン中のブラウザのセッション（書き込みには `X-CSRFToken`）。
- **エラー**: すべて `{"error": {"code", "message", "details"}}` の形。message は日本語で、
  `Accept-Language: en` なら英語。
- **一覧**: `?limit=&offset=`（既定20件・最大100件）。応答は
  `{"items", "count", "limit", "offset", "next", "previous"}`。
"""

api = KyosoAPI(title="Kyoso API", version="1", urls_namespace="api", description=DESCRIPTION)

api.add_router("", me.router)
api.add_router("", tokens.router)
api.add_router("", organizations.router)
api.add_router("", regions.router)
api.add_router("", issues.router)
api.add_router("", search.router)
api.add_router("", communities.router)
api.add_router("", events.router)
api.add_router("", projects.router)
api.add_router("", hubs.router)
api.add_router("", project_work.router)
api.add_router("", missions.router)
api.add_router("", challenges.router)
api.add_router("", funds.router)
api.add_router("", archive.router)
api.add_router("", screenings.router)
api.add_router("", network.router)
api.add_router("", matching.router)
api.add_router("", kpi.router)
api.add_router("", evaluation.router)
api.add_router("", campaigns.router)
