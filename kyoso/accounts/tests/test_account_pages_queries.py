"""Exact query counts of the account pages (N+1 guard)."""

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries


@pytest.mark.parametrize("name", ["accounts:login", "accounts:signup"])
def test_anonymous_pages_need_no_query(client, db, name):
    # The login and sign-up pages ask whether LINE Login is on: 1 the LINE channel, on a cold
    # cache only (kyoso.linelogin.services.channel).
    client.get(reverse(name))
    with assert_num_queries(0):
        assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["accounts:login", "accounts:signup"])
def test_login_pages_on_a_cold_cache_read_the_line_channel(client, db, name):
    # 1 the LINE channel (is LINE Login on?)
    with assert_num_queries(1):
        assert client.get(reverse(name)).status_code == 200


def test_a_warm_home_needs_no_query(client, db):
    # Cold, the home's blocks query (counted in kyoso/core/tests/test_home_page.py).
    client.get(reverse("core:home"))
    with assert_num_queries(0):
        assert client.get(reverse("core:home")).status_code == 200


def test_public_profile_anonymous(client, suzuki):
    # 1 the person, 2 their profile (with municipality and prefecture)
    with assert_num_queries(2):
        assert client.get(reverse("accounts:person", args=[suzuki.pk])).status_code == 200


def test_public_profile_signed_in(client, suzuki, takahashi):
    client.force_login(takahashi)
    # 1 session, 2 viewer, 3 viewer's roles (2FA policy; cached for the request),
    # 4 the person, 5 their profile
    with assert_num_queries(5):
        assert client.get(reverse("accounts:person", args=[suzuki.pk])).status_code == 200


def test_profile_settings(client, suzuki):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 profile, 5 municipality choices (one query, all rows)
    with assert_num_queries(5):
        assert client.get(reverse("accounts:settings")).status_code == 200


def test_security_settings(client, suzuki):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 TOTP device
    with assert_num_queries(4):
        assert client.get(reverse("accounts:security")).status_code == 200


def test_data_download_page(client, suzuki):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles
    with assert_num_queries(3):
        assert client.get(reverse("accounts:data")).status_code == 200


def test_secretariat_home_reads_the_site_policy(client, sato):
    client.force_login(sato)
    client.get(reverse("core:home"))  # the home's blocks cached (core/tests/test_home_page.py)
    # 1 session, 2 user, 3 roles (secretariat), 4 site settings (is 2FA required for staff?)
    with assert_num_queries(4):
        assert client.get(reverse("core:home")).status_code == 200
