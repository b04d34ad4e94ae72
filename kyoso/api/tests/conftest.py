import pytest

from kyoso.api.tests.factories import bearer, issue_token


@pytest.fixture
def suzuki_read(suzuki):
    """Authorization header of a read-only token of 鈴木."""
    return bearer(issue_token(suzuki, ["read"]))


@pytest.fixture
def suzuki_write(suzuki):
    """Authorization header of a read-write token of 鈴木."""
    return bearer(issue_token(suzuki, ["write"]))
