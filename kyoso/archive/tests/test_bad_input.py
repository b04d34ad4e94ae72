"""Bad input: a missing title, a tip without a wall, a year out of range, unknown related
rows, an upload that is not what it claims. Clear messages, nothing saved half-way, and the
form keeps what the person typed."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kyoso.archive import messages
from kyoso.archive.models import Attachment, AttachmentKind, Item
from kyoso.archive.services import ArchiveError, ItemData, check_file, item_create

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 100, 50)).save(out, format="PNG")
    return out.getvalue()


def _form(**overrides):
    data = {
        "kind": "report",
        "title": "令和3年度の活動報告",
        "summary": "",
        "body": "本文",
        "year": "2021",
        "audience": "public",
    }
    data.update(overrides)
    return data


def test_a_missing_title_is_named_and_the_body_is_kept(client, ito):
    client.force_login(ito)
    response = client.post(reverse("archive:create"), _form(title="", body="残しておきたい本文"))
    page = response.content.decode()
    assert response.status_code == 400
    assert str(messages.TITLE_REQUIRED) in page
    assert str(messages.FORM_HAS_ERRORS) in page
    assert "残しておきたい本文" in page
    assert not Item.objects.exists()


def test_a_tip_without_a_wall_is_refused(client, ito):
    client.force_login(ito)
    response = client.post(reverse("archive:create"), _form(kind="tip"))
    assert response.status_code == 400
    assert str(messages.TIP_NEEDS_WALL) in response.content.decode()
    assert not Item.objects.exists()


@pytest.mark.parametrize("year", ["1999", "3000", "二〇二一", ""])
def test_a_year_out_of_range_is_refused(client, ito, year):
    client.force_login(ito)
    response = client.post(reverse("archive:create"), _form(year=year))
    assert response.status_code == 400
    assert "年は2000年から" in response.content.decode()
    assert not Item.objects.exists()


def test_unknown_or_hidden_related_issues_are_named(client, ito):
    client.force_login(ito)
    response = client.post(reverse("archive:create"), _form(issues="999999"))
    assert response.status_code == 400
    assert "番号999999の課題は見つかりませんでした" in response.content.decode()
    assert not Item.objects.exists()


def test_ids_that_are_not_numbers(client, ito):
    client.force_login(ito)
    response = client.post(reverse("archive:create"), _form(events="abc"))
    assert str(messages.IDS_INVALID) in response.content.decode()


def test_an_unknown_kind_or_wall(client, ito):
    client.force_login(ito)
    response = client.post(reverse("archive:create"), _form(kind="poem", walls=["moat"]))
    assert response.status_code == 400
    assert str(messages.VALUE_INVALID) in response.content.decode()


def test_the_service_refuses_a_blank_title_for_the_api_too(ito):
    with pytest.raises(ArchiveError) as refused:
        item_create(actor=ito, data=ItemData(kind="report", title="   ", year=2021))
    assert refused.value.message == messages.TITLE_REQUIRED
    assert not Item.objects.exists()


def test_a_title_too_long_says_how_long(ito):
    with pytest.raises(ArchiveError) as refused:
        item_create(actor=ito, data=ItemData(kind="report", title="あ" * 121, year=2021))
    assert str(refused.value.message) == str(messages.TITLE_TOO_LONG % {"limit": 120, "count": 121})


# --- Uploads ---------------------------------------------------------------------------------


def test_a_pdf_and_an_image_are_accepted_by_their_bytes():
    assert check_file("報告書.pdf", PDF).kind == AttachmentKind.PDF
    image = check_file("写真.png", _png())
    assert image.kind == AttachmentKind.IMAGE
    # Re-encoded (an opaque image becomes a JPEG, EXIF and any payload dropped).
    assert image.extension == "jpg" and image.content.startswith(b"\xff\xd8")


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("report.pdf", b"MZ\x90\x00 this is an exe", messages.FILE_CLAIMS_PDF),
        ("photo.jpg", b"%PDX not an image at all", messages.FILE_CLAIMS_IMAGE),
        ("notes.txt", b"just some text", messages.FILE_NOT_WHAT_IT_CLAIMS),
        ("empty.pdf", b"", messages.FILE_EMPTY),
    ],
)
def test_an_upload_that_is_not_what_it_claims_is_refused_by_name(name, content, message):
    with pytest.raises(ArchiveError) as refused:
        check_file(name, content)
    assert str(refused.value.message) == str(message % {"name": name})


def test_a_file_over_the_limit(settings):
    from kyoso.archive import services

    big = PDF + b"0" * services.ATTACHMENT_BYTES_MAX
    with pytest.raises(ArchiveError) as refused:
        check_file("big.pdf", big)
    assert refused.value.code == "file_too_large"


def test_a_false_pdf_through_the_page_saves_nothing_and_keeps_the_item(client, ito, draft):
    client.force_login(ito)
    upload = SimpleUploadedFile("報告書.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(reverse("archive:attachment_add", args=[draft.pk]), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert str(messages.FILE_CLAIMS_PDF % {"name": "報告書.pdf"}) in page
    assert draft.title in page  # the item's form is still there
    assert not Attachment.objects.exists()


def test_a_real_pdf_is_stored_and_downloaded_by_readers_only(client, ito, draft, suzuki):
    client.force_login(ito)
    upload = SimpleUploadedFile("報告書.pdf", PDF, "application/pdf")
    response = client.post(reverse("archive:attachment_add", args=[draft.pk]), {"file": upload})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    url = reverse("archive:attachment", args=[draft.pk, attachment.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Content-Type"] == "application/pdf"
    client.force_login(suzuki)
    assert client.get(url).status_code == 404  # a draft's file does not exist for others


def test_no_file_chosen(client, ito, draft):
    client.force_login(ito)
    response = client.post(reverse("archive:attachment_add", args=[draft.pk]), {})
    assert str(messages.FILE_REQUIRED) in response.content.decode()
