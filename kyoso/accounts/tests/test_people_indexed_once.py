"""A person's search document is written once per transaction, after it commits: a profile
edit saves the user row and the profile row (and signing up creates both), each with its
signal, yet the person is analysed and written once; nothing is written before the commit nor
for a write that was rolled back. Counted as the statements that write the document table."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from kyoso.accounts.models import Profile, User
from kyoso.accounts.services.privacy import user_delete
from kyoso.accounts.services.profile import profile_update
from kyoso.accounts.services.registration import user_signup
from kyoso.accounts.tests.factories import UserFactory
from kyoso.search import services as search
from kyoso.search.models import SearchDocument, SearchText

pytestmark = pytest.mark.django_db

_DOCUMENT_WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"search_document"', re.I)


class DocumentWrites(CaptureQueriesContext):
    """The statements that write a search document (one per indexing of one object)."""

    @property
    def count(self) -> int:
        return sum(1 for query in self.captured_queries if _DOCUMENT_WRITE.match(query["sql"]))


def document_writes() -> DocumentWrites:
    from django.db import connection

    return DocumentWrites(connection)


def found(query: str) -> list[str]:
    return [hit.title for hit in search.search(query, viewer=None, types=["people"]).items]


@pytest.fixture
def ogawa(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = UserFactory(email="ogawa@example.jp", display_name="おがわ")
    return user


EDIT = {"display_name": "小川 まこと", "bio": "鶴岡で在来作物の種を守っています。"}


def test_a_profile_edit_writes_the_document_once_after_the_commit(
    ogawa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, document_writes() as during:
        profile_update(actor=ogawa, user=ogawa, data=EDIT)
    assert during.count == 0  # nothing before the commit
    assert len(callbacks) >= 2  # the user row and the profile row each asked

    with document_writes() as after:
        for callback in callbacks:
            callback()

    assert after.count == 1
    assert found("在来作物") == ["小川 まこと"]  # both rows' changes, in the one write


def test_signing_up_writes_the_document_once(django_capture_on_commit_callbacks):
    with document_writes() as writes, django_capture_on_commit_callbacks(execute=True):
        user_signup(email="kudo@example.jp", password="kyoso-signup-2026", display_name="工藤")

    assert writes.count == 1
    assert found("工藤") == ["工藤"]
    assert len(mail.outbox) == 1  # the rest of the sign-up is unchanged


def test_a_first_edit_that_creates_the_profile_writes_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = UserFactory(email="endo@example.jp", display_name="えんどう", profile=None)
    assert not Profile.objects.filter(user=user).exists()

    with document_writes() as writes, django_capture_on_commit_callbacks(execute=True):
        profile_update(actor=user, user=user, data=EDIT)

    assert writes.count == 1
    assert found("在来作物") == ["小川 まこと"]


def test_each_transaction_writes_its_own_edit(ogawa, django_capture_on_commit_callbacks):
    with document_writes() as writes:
        with django_capture_on_commit_callbacks(execute=True):
            profile_update(actor=ogawa, user=ogawa, data=EDIT)
        with django_capture_on_commit_callbacks(execute=True):
            profile_update(actor=ogawa, user=ogawa, data={"bio": "庄内柿の販路を探しています。"})

    assert writes.count == 2
    assert found("在来作物") == []
    assert found("庄内柿") == ["小川 まこと"]


def test_a_rolled_back_edit_writes_nothing(ogawa, django_capture_on_commit_callbacks):
    with (
        document_writes() as writes,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        profile_update(actor=ogawa, user=ogawa, data=EDIT)
        raise RuntimeError("the request failed after the edit")

    assert writes.count == 0
    assert found("おがわ") == ["おがわ"]
    assert User.objects.get(pk=ogawa.pk).display_name == "おがわ"


def test_an_edit_in_a_kept_savepoint_after_one_rolled_back_is_written_once(
    ogawa, django_capture_on_commit_callbacks
):
    """A rolled-back savepoint takes its callbacks with it; what the transaction kept is still
    written, once."""
    with document_writes() as writes, django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            profile_update(actor=ogawa, user=ogawa, data={"display_name": "取り消される名前"})
            raise RuntimeError("rolled back")
        profile_update(actor=ogawa, user=ogawa, data=EDIT)

    assert writes.count == 1
    assert found("在来作物") == ["小川 まこと"]
    assert found("取り消される名前") == []


def test_deleting_the_account_removes_the_document_in_its_own_transaction(
    ogawa, django_capture_on_commit_callbacks
):
    """Leaving is not left to an after-commit step: the erasure and the document's removal
    commit together (what person_document() would say of a deleted account: nothing)."""
    document = SearchDocument.objects.get(type="people", object_id=ogawa.pk)
    assert SearchText.objects.filter(document=document).exists()

    with django_capture_on_commit_callbacks(execute=False):  # the commit's callbacks never run
        user_delete(actor=ogawa, user=ogawa)

    assert not SearchDocument.objects.filter(pk=document.pk).exists()
    assert not SearchText.objects.filter(document_id=document.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_real_commits_write_once_each_and_a_save_outside_a_transaction_at_once():
    """With real commits (no captured callbacks): each edit is written once, right after its
    commit; a save outside any transaction (a shell, a script) is written at once."""
    with document_writes() as created:
        user = UserFactory(email="saito@example.jp", display_name="さいとう", profile=None)
        assert created.count == 1  # the one save, its own transaction: written at once
    assert found("さいとう") == ["さいとう"]

    with document_writes() as edits:
        profile_update(actor=user, user=user, data=EDIT)
        assert found("在来作物") == ["小川 まこと"]
        profile_update(actor=user, user=user, data={"bio": "庄内柿の販路を探しています。"})

    assert edits.count == 2
    assert found("庄内柿") == ["小川 まこと"]
