"""Social Lab issues (課題) in the API: the map's GeoJSON, list, detail, create, update,
empathy and comments.

Every operation uses the rules, forms, selectors and services of the issue pages: the same
people may do the same things, input is validated by the same forms, and writes go through the
same services. Who posted a name-hidden issue (and so also which comments and stage changes
are theirs) is shown only to those the ``issues.view_poster`` rule allows: the poster and the
secretariat.

- :mod:`.facets`: the list's filters as query parameters
- :mod:`.geojson`: ``GET /issues.geojson`` for the map
- :mod:`.schemas`: input and output shapes
- :mod:`.operations`: ``/issues``, ``/issues/{id}``, ``…/empathy``, ``…/comments``
"""

from ninja import Router

from kyoso.api.routers.issues import geojson, operations

router = Router(tags=["issues"])
router.add_router("", geojson.router)
router.add_router("", operations.router)
