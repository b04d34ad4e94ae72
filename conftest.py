"""Project-wide fixtures: the named personas every test can ask for.

- 佐藤 (sato): the secretariat (事務局) of the hub organization
- 鈴木 (suzuki): a citizen with a verified email address
- 高橋 (takahashi): signed in, but holds no role and belongs to nothing

and ``english``: the test client of a visitor who picked English with the language switch.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kyoso.accounts.tests.factories import UserFactory, make_secretariat
from kyoso.demo.testing import loaded_demo  # noqa: F401  (the demo loaded once per class)
from kyoso.regions.testing import restore_regions


@pytest.fixture
def sato(db):
    return make_secretariat(
        email="sato@hub.example.jp",
        display_name="佐藤（事務局）",
        family_name="佐藤",
        given_name="花子",
        family_name_kana="サトウ",
        given_name_kana="ハナコ",
    )


@pytest.fixture
def suzuki(db):
    return UserFactory(
        email="suzuki@example.jp",
        display_name="鈴木",
        family_name="鈴木",
        given_name="一郎",
        family_name_kana="スズキ",
        given_name_kana="イチロウ",
    )


@pytest.fixture
def takahashi(db):
    return UserFactory(email="takahashi@example.jp", display_name="高橋")


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request made with ``Accept-Language: en``
    leaves English active in the thread (LocaleMiddleware activates, nothing resets), and a
    later test that formats text without a request would otherwise read it in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


_DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


@pytest.fixture(autouse=True)
def _regions_loaded(request):
    """Keep the migration-loaded region data present for every database test.

    Transactional tests (live server, backup) flush every table when they finish, which
    would leave later tests without prefectures and municipalities (kyoso/regions/testing.py).
    """
    uses_db = request.node.get_closest_marker("django_db") or (
        _DB_FIXTURES & set(request.fixturenames)
    )
    if not uses_db:
        # Without a database there are no local synonyms to read: query parsing in such tests
        # expands with Sudachi's dictionary alone.
        request.getfixturevalue("monkeypatch").setattr(
            "kyoso.search.synonyms.local_phrases", lambda: {}
        )
        yield
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames
        or "live_server" in (request.fixturenames)
        or bool(marker and marker.kwargs.get("transaction"))
    )
    # Put flushed regions back committed, before the test's transaction begins: once per flush
    # rather than inside (and rolled back with) every later test of the process.
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        restore_regions()
    request.getfixturevalue("transactional_db" if transactional else "db")
    # The secretariat's local synonyms, as a running process holds them: loaded once, then read
    # with no query until they change (kyoso/search/synonyms_local.py). Query-count tests thus
    # count a search as production serves it; the cold load has its own tests.
    from kyoso.search import synonyms_local

    synonyms_local.forget()
    synonyms_local.local_synonyms()
    yield


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, email="root@example.jp")


@pytest.fixture
def login_as(client, request):
    """Sign ``client`` in as a persona by name ("anonymous" leaves it signed out)."""

    def login(persona: str):
        if persona == "anonymous":
            return None
        user = request.getfixturevalue(persona)
        client.force_login(user)
        return user

    return login


@pytest.fixture
def english(client):
    """A visitor who picked English with the language switch."""
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    yield client
    translation.deactivate()  # the test client leaves the last request's language active
