"""The Kyoso REST API, mounted at ``/api/v1/`` by ``kyoso/urls.py``.

Each capability adds its router module under ``kyoso/api/routers/`` and one line here.
"""

from kyoso.api.application import KyosoAPI
from kyoso.api.routers import me, organizations, regions, tokens

api = KyosoAPI(
    title="Kyoso API",
    version="1",
    urls_namespace="api",
    description=("Kyoso（共創）の REST API。認証・エラー形式・ページングは docs/api.md を参照。"),
)

api.add_router("", me.router)
api.add_router("", tokens.router)
api.add_router("", organizations.router)
api.add_router("", regions.router)
