from ninja import NinjaAPI

api = NinjaAPI(title="Kyoso API", version="1", urls_namespace="api")
