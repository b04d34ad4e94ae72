"""Object access by enumeration: what a person may not see does not answer.

For every content type in the search registry (``kyoso.search.registry``: each type declares
``visible(viewer)``, the rows a viewer may know exist), the rows of the demo and of every
factory that are *not* visible to a signed-in person with no role (高橋) or to an anonymous
visitor — drafts, hidden, awaiting review, private, deleted, another organization's — are looked
up on every URL pattern of the resolver filled from rows (:mod:`kyoso.core.tests.exposure`).
Such a page must answer 404 to 高橋, and 404 or the login redirect to the anonymous visitor;
never 200, and never a 403 that would confirm the object exists (docs/security.md).
The types outside the search registry (bookings, pledges, donations, applications,
introductions, advice requests, screening rounds, notifications, API tokens) declare who may
know their rows exist in :mod:`kyoso.core.exposure`; both sources are read here.

The API: every GET operation of the OpenAPI document, for four callers — anonymous, 高橋 signed
in, a member of another (new) organization signed in, and 高橋's read-only token. A detail
operation (``/issues/{issue_id}``, ``/organizations/{slug}``) or a list under one object
(``/missions/{mission_id}/applications``) filled with a row the caller may not know exists
answers 404 (401 for the anonymous caller of an operation that needs a sign-in: the same for
every id); a list answers none of those rows (checked by ``id``, at the largest page size).

A new app is covered once its type joins the search registry or :mod:`kyoso.core.exposure`
and its rows come from the demo or a factory. A model reachable by a detail URL or an API
operation that is in neither must be listed in ``NOT_DECLARED`` with the reason.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.test import Client

from kyoso.api.tests.factories import bearer, issue_token
from kyoso.api.urls import api
from kyoso.core import exposure as declared
from kyoso.core.tests import exposure
from kyoso.demo.testing import loaded_demo  # noqa: F401
from kyoso.search import registry

#: Models reachable by a detail URL or an API operation whose rows every viewer of the parent
#: may know exist (so they declare no visibility of their own), or that only staff reach.
NOT_DECLARED = {
    "accounts.Profile": "a person's public profile; private fields are hidden field by field",
    "archive.Attachment": "files of an archive item: the item's visibility governs (its pk)",
    "challenges.Proposal": "reached only through its challenge's pages, which check the challenge",
    "challenges.Question": "public questions on a challenge page; the challenge governs",
    "concierge.Slot": "public consultation slots of a hub",
    "evaluation.Report": "one public report a fiscal year",
    "hubs.Space": "public spaces of a public hub",
    "issues.Comment": "shown on its issue; the issue's visibility governs (hidden comments "
    "are tested in kyoso/issues)",
    "issues.Empathy": "a count on its issue; no page of its own",
    "kpi.Indicator": "public indicators; editing is staff-only (kyoso/kpi tests)",
    "kpi.Survey": "staff-managed; answering is per token (kyoso/kpi tests)",
    "network.AdviceRecord": "the advisor's record of a request: reached through the request",
    "orgs.Invitation": "reached by its secret token, never by id",
    "orgs.Membership": "decided by organization staff only (kyoso/orgs tests)",
    "projects.Comment": "shown on its project; the project governs",
    "projects.Hearing": "project work records: the project's members' pages (projects tests)",
    "projects.Membership": "decided by project leads only (kyoso/projects tests)",
    "projects.Need": "public needs of a project; the project governs",
    "projects.Resource": "project work records: the project's members' pages (projects tests)",
    "projects.Trial": "project work records: the project's members' pages (projects tests)",
    "projects.Update": "public updates of a project; the project governs",
    "sitepages.SitePage": "public pages; editing is the secretariat's",
}


def _types() -> list[tuple[type[models.Model], object]]:
    return [(t.model, t.visible) for t in registry.all_types()] + [
        (e.model, e.visible) for e in declared.all_declared()
    ]


def _hidden(viewer) -> set[tuple[str, int]]:
    hidden = set()
    for model, visible in _types():
        everything = set(model._default_manager.values_list("pk", flat=True))
        seen = set(visible(viewer).values_list("pk", flat=True))  # type: ignore[operator]
        hidden |= {(model._meta.label, pk) for pk in everything - seen}
    return hidden


def _model_for(segments: list[str], index: int) -> type[models.Model] | None:
    """The model of the path parameter at ``segments[index]`` (or of a list ending there):
    named by the parameter (``mission_id``), the segment before it (``missions``), or both
    (``screenings/{round_id}`` → ScreeningRound)."""
    segment = segments[index]
    stem = segment.strip("{}").rsplit("_", 1)[0] if segment.startswith("{") else ""
    before = segments[index - 1] if segment.startswith("{") else segment
    before = before.split(".", 1)[0].replace("-", "")
    singular = [before[:-3] + "y" if before.endswith("ies") else before.rstrip("s")]
    singular.append(before[:-2] if before.endswith("es") else before)
    parent_app = None
    for earlier in reversed(segments[: index - (1 if segment.startswith("{") else 0)]):
        if earlier.startswith("{"):
            continue
        parent = exposure._model_named(None, earlier.rstrip("s"))
        parent_app = parent._meta.app_label if parent else None
        break
    names = ([stem] if stem and stem not in ("id", "slug", "key") else []) + singular
    names += [s + stem for s in singular if stem]
    for name in names:
        model = exposure._model_named(parent_app, name)
        if model is not None:
            return model
    for name in singular:  # /tokens → ApiToken
        found = [m for m in exposure.kyoso_models() if (m._meta.model_name or "").endswith(name)]
        if len(found) == 1:
            return found[0]
    in_app = [t.model for t in registry.all_types() if t.model._meta.app_label == before]
    return in_app[0] if len(in_app) == 1 else None  # /archive → the archive's search type


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

    def test_the_api_answers_404_and_lists_none_of_what_a_caller_may_not_see(self, db, takahashi):
        from kyoso.accounts.tests.factories import UserFactory
        from kyoso.orgs.tests.factories import organization_with_owner

        exposure.make_factory_rows()
        member = UserFactory(email="other-org@example.jp", display_name="他団体の人")
        organization_with_owner(member, name="別の団体")
        callers: dict[str, tuple[Client, object, bool]] = {}
        anonymous = Client()
        callers["anonymous"] = (anonymous, AnonymousUser(), False)
        signed_in = Client()
        signed_in.force_login(takahashi)
        callers["高橋 (no role)"] = (signed_in, takahashi, True)
        other = Client()
        other.force_login(member)
        callers["another organization's member"] = (other, member, True)
        token = Client(**bearer(issue_token(takahashi, ["read"])))
        callers["高橋's read-only token"] = (token, takahashi, True)

        schema = api.get_openapi_schema()
        templates = [t for t, ops in schema["paths"].items() if "get" in ops]
        prefix = "/api/v1"
        problems: list[str] = []
        unknown_models: list[str] = []
        checked = {"details": 0, "lists": 0, "ids": 0}
        for caller, (client, viewer, signed) in callers.items():
            hidden = _hidden(viewer)
            for template in templates:
                segments = template.removeprefix(prefix).strip("/").split("/")
                params = [i for i, s in enumerate(segments) if s.startswith("{")]
                if len(params) > 1:
                    continue  # hubs/{slug}/spaces/{space}: the hub is looked up first
                if params:
                    index = params[0]
                    model = _model_for(segments, index)
                    if model is None:
                        unknown_models.append(template)
                        continue
                    field = segments[index].strip("{}")
                    field = field if field in ("slug", "key") else "pk"
                    rows = sorted(pk for label, pk in hidden if label == model._meta.label)
                    step = max(1, len(rows) // exposure.MAX_PER_PATTERN)
                    for pk in rows[::step][: exposure.MAX_PER_PATTERN]:
                        value = model.objects.filter(pk=pk).values_list(field, flat=True)[0]
                        path = template.replace(segments[index], str(value))
                        status = client.get(path).status_code
                        checked["details"] += 1
                        if status != 404 and not (status == 401 and not signed):
                            problems.append(f"{path} as {caller}: {status}")
                if len(segments) > (params[-1] + 1 if params else 0):
                    # A list: of the rows under a visible parent, or at the top.
                    model = _model_for(segments, len(segments) - 1)
                    if model is None:
                        unknown_models.append(template)
                        continue
                    path = template
                    if params:
                        parent = _model_for(segments, params[0])
                        field = segments[params[0]].strip("{}")
                        field = field if field in ("slug", "key") else "pk"
                        shown = parent.objects.exclude(  # type: ignore[union-attr]
                            pk__in=[pk for label, pk in hidden if label == parent._meta.label]  # type: ignore[union-attr]
                        ).values_list(field, flat=True)[:1]
                        if not shown:
                            continue
                        path = template.replace(segments[params[0]], str(shown[0]))
                    response = client.get(
                        path, {"limit": 100} if "limit" in _query(schema, template) else {}
                    )
                    checked["lists"] += 1
                    if response.status_code != 200:
                        continue  # refused as a whole: nothing listed
                    body = response.json()
                    items = (
                        body.get("items", body.get("features", []))
                        if isinstance(body, dict)
                        else body
                    )
                    ids = {
                        item.get("id", item.get("properties", {}).get("id"))
                        for item in items
                        if isinstance(item, dict)
                    }
                    checked["ids"] += len(ids)
                    leaked = {(model._meta.label, pk) for pk in ids} & hidden
                    if leaked:
                        problems.append(f"{path} as {caller} lists {sorted(leaked)}")
        print(f"api object access: {checked}; models not found for {sorted(set(unknown_models))}")
        assert checked["details"] > 25 and checked["ids"] > 200
        assert problems == [], "\n".join(sorted(set(problems)))

    def test_every_model_with_a_detail_url_or_api_operation_declares_who_sees_it(self, db):
        covered = {model._meta.label for model, _visible in _types()}
        reached = set()
        for _route, name, callback, pattern in exposure.walk():
            if name.startswith(("admin:", "api:")) or not pattern.pattern.regex.groupindex:
                continue
            model = exposure.rule_model(exposure.declared_rule(callback))
            if model is not None:
                reached.add(model._meta.label)
        for template, _operations in api.get_openapi_schema()["paths"].items():
            segments = template.removeprefix("/api/v1").strip("/").split("/")
            for index, segment in enumerate(segments):
                if segment.startswith("{"):
                    model = _model_for(segments, index)
                    if model is not None:
                        reached.add(model._meta.label)
        missing = sorted(reached - covered - set(NOT_DECLARED))
        assert missing == [], (
            "declare who may see these in kyoso.core.exposure (or list them in NOT_DECLARED "
            f"with the reason): {missing}"
        )
        assert not (covered & set(NOT_DECLARED)), "a declared type is also listed as undeclared"


def _query(schema, template: str) -> set[str]:
    return {
        p["name"]
        for p in schema["paths"][template]["get"].get("parameters", [])
        if p["in"] == "query"
    }
