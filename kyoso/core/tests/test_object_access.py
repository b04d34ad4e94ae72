"""Object access by enumeration: what a person may not see does not answer.

For every content type in the search registry (``kyoso.search.registry``: each type declares
``visible(viewer)``, the rows a viewer may know exist), the rows of the demo and of every
factory that are *not* visible to a signed-in person with no role (高橋) or to an anonymous
visitor — drafts, hidden, awaiting review, private, deleted, another organization's — are looked
up on every URL pattern of the resolver filled from rows (:mod:`kyoso.core.tests.exposure`).
Such a page must answer 404 to 高橋, and 404 or the login redirect to the anonymous visitor;
never 200, and never a 403 that would confirm the object exists (docs/security.md).
A new app is covered once its type joins the search registry and its rows come from the demo
or a factory.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from kyoso.core.tests import exposure
from kyoso.demo.testing import loaded_demo  # noqa: F401
from kyoso.search import registry


def _hidden(viewer) -> set[tuple[str, int]]:
    hidden = set()
    for search_type in registry.all_types():
        model = search_type.model
        everything = set(model.objects.values_list("pk", flat=True))
        visible = set(search_type.visible(viewer).values_list("pk", flat=True))
        hidden |= {(model._meta.label, pk) for pk in everything - visible}
    return hidden


@pytest.mark.usefixtures("loaded_demo")
class TestObjectAccess:
    def test_what_a_person_may_not_see_answers_404(self, db, takahashi):
        exposure.make_factory_rows()
        hidden_from = {"stranger": _hidden(takahashi), "anonymous": _hidden(AnonymousUser())}
        pages, _unfilled = exposure.pages(prefer=hidden_from["anonymous"])
        stranger = Client()
        stranger.force_login(takahashi)
        anonymous = Client()
        assert hidden_from["anonymous"], "the demo and factories have hidden rows to look up"
        problems = []
        checked = 0
        for page in pages:
            keys = {(row._meta.label, row.pk) for row in page.rows}
            if keys & hidden_from["stranger"]:
                checked += 1
                status = stranger.get(page.path).status_code
                if status not in (404, 405):  # 405: a POST-only URL, refused before any lookup
                    problems.append(f"{page.path} ({page.name}) as 高橋: {status}")
            if keys & hidden_from["anonymous"]:
                checked += 1
                response = anonymous.get(page.path)
                redirected_to_login = response.status_code == 302 and "/login" in response.get(
                    "Location", ""
                )
                if response.status_code not in (404, 405) and not redirected_to_login:
                    problems.append(f"{page.path} ({page.name}) anonymous: {response.status_code}")
        print(f"object access: {checked} requests for hidden rows")
        assert checked > 20
        assert problems == [], "\n".join(sorted(problems))
