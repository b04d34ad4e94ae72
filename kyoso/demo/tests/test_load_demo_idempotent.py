"""Running the demo loader again changes nothing, and keeps what the staff edited."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from kyoso.accounts.models import User
from kyoso.communities.models import Community
from kyoso.demo import messages
from kyoso.demo.services import demo_password
from kyoso.orgs.models import Organization
from kyoso.sitepages.models import SitePage


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every table, in primary-key order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def _counts(snapshot: dict[str, list[dict]]) -> dict[str, int]:
    return {label: len(rows) for label, rows in snapshot.items()}


def test_load_demo_idempotent(db):
    call_command("load_demo", stdout=StringIO())
    first = _snapshot()
    assert len(first["accounts.User"]) >= 12
    assert len(first["orgs.Organization"]) >= 20

    output = StringIO()
    call_command("load_demo", stdout=output)
    second = _snapshot()

    assert _counts(second) == _counts(first)
    for label, rows in first.items():
        assert second[label] == rows, f"{label} changed on the second run"
    assert str(messages.UNCHANGED) in output.getvalue()


def test_second_run_keeps_staff_edits_and_restores_a_changed_demo_password(db, client):
    call_command("load_demo", stdout=StringIO())
    Organization.objects.filter(slug="sakata-city").update(description="事務局が書き直した紹介")
    SitePage.objects.filter(slug="privacy").update(body_ja="事務局が書いた本文")
    Community.objects.filter(slug="shonai-nogyo").update(description="リーダーが書き直した紹介")
    sato = User.objects.get(email="sato@demo.kyoso.invalid")
    sato.set_password("someone-changed-it-2026")
    sato.save()
    before = _snapshot()

    call_command("load_demo", stdout=StringIO())
    after = _snapshot()

    # The edits are kept (their tables are unchanged); only the demo password is put back.
    changed = [label for label in before if before[label] != after[label]]
    assert changed == ["accounts.User"]
    changed_users = [
        new["email"]
        for old, new in zip(before["accounts.User"], after["accounts.User"], strict=True)
        if old != new
    ]
    assert changed_users == ["sato@demo.kyoso.invalid"]
    assert client.login(email="sato@demo.kyoso.invalid", password=demo_password())
    assert Organization.objects.get(slug="sakata-city").description == "事務局が書き直した紹介"
    assert SitePage.objects.get(slug="privacy").body_ja == "事務局が書いた本文"
    assert Community.objects.get(slug="shonai-nogyo").description == "リーダーが書き直した紹介"


def test_the_home_shows_the_demo_once_it_is_loaded(client, db, django_capture_on_commit_callbacks):
    """A home rendered (and cached) before the demo was loaded is not served after it: what
    the home shows right after loading is what a fresh render shows."""
    from django.core.cache import cache
    from django.urls import reverse

    from kyoso.demo.services import demo_load

    def main() -> str:  # the page's content (the header carries a fresh CSRF token each time)
        page = client.get(reverse("core:home")).content.decode()
        return page[page.index("<main") : page.index("</main>")]

    before = main()
    demo_load()
    after = main()
    cache.clear()
    fresh = main()
    assert after == fresh
    assert after != before
