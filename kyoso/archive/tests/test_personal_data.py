"""The person's archive data: exported in the data download, and on erasure the items stay
with the person's name taken off. The navigation has the archive's slot."""

from __future__ import annotations

import pytest

from kyoso.archive.models import Attachment, Item, StatusChange
from kyoso.archive.services import item_publish, item_submit
from kyoso.archive.tests.factories import item_by
from kyoso.core import navigation, personal_data

pytestmark = pytest.mark.django_db


def test_export_and_erase(ito, sato):
    item = item_by(ito, title="空き家の事例")
    Attachment.objects.create(
        item=item, kind="pdf", file="archive/x.pdf", original_name="x.pdf", size=9, uploaded_by=ito
    )
    item_submit(actor=ito, item=item)
    item_publish(actor=sato, item=item)

    exported = personal_data.export_sections(ito)["archive"]
    assert [row["title"] for row in exported["items_authored"]] == ["空き家の事例"]
    assert exported["items_created"] == [item.pk]
    assert exported["attachments_uploaded"][0]["name"] == "x.pdf"

    personal_data.erase_all(ito)
    item.refresh_from_db()
    assert item.created_by is None and not item.authorships.exists()
    assert item.status == "published"  # the region's record stays
    assert not StatusChange.objects.filter(actor=ito).exists()
    assert Item.objects.count() == 1


def test_the_archive_has_a_navigation_slot():
    assert "archive:gallery" in [entry.url_name for entry in navigation.items()]
