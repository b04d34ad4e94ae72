"""Adding, changing and deleting local synonym groups: what is stored, and the audit rows."""

from __future__ import annotations

import pytest

from kyoso.accounts.services.privacy import user_delete
from kyoso.audit.models import AuditEvent
from kyoso.search import messages
from kyoso.search.models import LocalSynonymGroup, LocalSynonymWord
from kyoso.search.synonyms_services import (
    LocalSynonymsRefused,
    local_synonym_group_create,
    local_synonym_group_delete,
    local_synonym_group_update,
)

pytestmark = pytest.mark.django_db

SANROKU = ["サンロク", "酒田市 産業振興まちづくりセンター"]


def _rows(group: LocalSynonymGroup) -> list[tuple[int, str, str]]:
    return list(
        LocalSynonymWord.objects.filter(group=group)
        .order_by("position")
        .values_list("position", "word", "folded")
    )


def test_create_stores_the_words_as_entered_and_folded(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU, note=" 地元の通称 ")
    assert _rows(group) == [
        (0, "サンロク", "さんろく"),
        (1, "酒田市 産業振興まちづくりセンター", "酒田市産業振興まちづくりせんた"),
    ]
    assert group.note == "地元の通称"
    assert group.created_by == sato
    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.LOCAL_SYNONYMS_ADDED
    assert event.actor == sato
    assert (event.target_type, event.target_id) == ("search.localsynonymgroup", str(group.pk))
    assert event.target_label == "サンロク / 酒田市 産業振興まちづくりセンター"
    assert event.data == {"words": SANROKU, "note": "地元の通称"}


def test_a_refused_create_stores_nothing(sato):
    with pytest.raises(LocalSynonymsRefused) as refused:
        local_synonym_group_create(actor=sato, words=["サンロク"])
    assert refused.value.problems == [str(messages.SYNONYMS_TOO_FEW)]
    assert not LocalSynonymGroup.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_note_over_the_limit_is_refused(sato):
    with pytest.raises(LocalSynonymsRefused) as refused:
        local_synonym_group_create(actor=sato, words=SANROKU, note="メ" * 201)
    assert refused.value.problems == [messages.SYNONYM_NOTE_TOO_LONG % {"limit": 200}]
    assert not LocalSynonymGroup.objects.exists()


def test_update_replaces_the_words_and_records_before_and_after(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    updated = local_synonym_group_update(
        actor=sato, group=group, words=["産業振興センター", "サンロク", "さかた産業センター"]
    )
    assert updated is not None
    assert str(updated) == "産業振興センター / サンロク / さかた産業センター"
    assert [word for _p, word, _f in _rows(group)] == [
        "産業振興センター",
        "サンロク",
        "さかた産業センター",
    ]
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOCAL_SYNONYMS_CHANGED)
    assert event.data == {
        "before": SANROKU,
        "after": ["産業振興センター", "サンロク", "さかた産業センター"],
    }


def test_update_of_the_note_alone_is_recorded(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU, note="通称")
    assert local_synonym_group_update(actor=sato, group=group, words=SANROKU, note="愛称")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOCAL_SYNONYMS_CHANGED)
    assert event.data == {
        "before": SANROKU,
        "after": SANROKU,
        "note_before": "通称",
        "note": "愛称",
    }


def test_an_update_that_changes_nothing_writes_no_audit_row(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU, note="通称")
    # Tidied the same: the stored words and note are what they were.
    assert (
        local_synonym_group_update(
            actor=sato,
            group=group,
            words=[" サンロク", "酒田市　産業振興まちづくりセンター"],
            note="通称 ",
        )
        is None
    )
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOCAL_SYNONYMS_CHANGED).exists()


def test_a_refused_update_keeps_the_old_words(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    with pytest.raises(LocalSynonymsRefused):
        local_synonym_group_update(actor=sato, group=group, words=["サンロク", "さんろく"])
    assert [word for _p, word, _f in _rows(group)] == SANROKU


def test_updating_a_deleted_group_is_refused_with_a_message(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    LocalSynonymGroup.objects.filter(pk=group.pk).delete()
    with pytest.raises(LocalSynonymsRefused) as refused:
        local_synonym_group_update(actor=sato, group=group, words=[*SANROKU, "センター"])
    assert refused.value.problems == [messages.SYNONYMS_GONE]


def test_delete_removes_the_group_and_its_words_and_is_audited(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU, note="通称")
    group_pk = group.pk
    assert local_synonym_group_delete(actor=sato, group=group) is True
    assert not LocalSynonymGroup.objects.exists()
    assert not LocalSynonymWord.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOCAL_SYNONYMS_DELETED)
    assert event.target_id == str(group_pk)
    assert event.target_label == "サンロク / 酒田市 産業振興まちづくりセンター"
    assert event.data == {"words": SANROKU, "note": "通称"}


def test_deleting_twice_is_harmless(sato):
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    assert local_synonym_group_delete(actor=sato, group=group) is True
    assert local_synonym_group_delete(actor=sato, group=group) is False
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCAL_SYNONYMS_DELETED).count() == 1


def test_the_same_word_may_be_in_several_groups(sato):
    first = local_synonym_group_create(actor=sato, words=["サンロク", "産業振興センター"])
    second = local_synonym_group_create(actor=sato, words=["サンロク", "山麓"])
    assert LocalSynonymWord.objects.filter(folded="さんろく").count() == 2
    assert first.pk != second.pk


def test_groups_outlive_their_author_who_leaves(sato):
    """A group is the site's: it stays, its author forgotten, when the person deletes their
    account (the user row is only anonymized) or the row is removed."""
    group = local_synonym_group_create(actor=sato, words=SANROKU)
    user_delete(actor=sato, user=sato)
    group.refresh_from_db()
    assert group.created_by.public_name == "退会したユーザー"
    sato.delete()
    group.refresh_from_db()
    assert group.created_by is None
    assert _rows(group)
