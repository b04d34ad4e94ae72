"""Attachments: images are re-encoded without EXIF, PDFs are sniffed, disguised files refused."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kyoso.issues import messages
from kyoso.issues.models import Attachment, Issue
from kyoso.issues.services.posting import MAX_FILE_BYTES
from kyoso.issues.tests.conftest import PDF_BYTES, jpeg_with_exif, png_bytes
from kyoso.issues.tests.test_post_issue import form_data

URL = reverse("issues:create")


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_photo_is_stored_re_encoded_without_exif(client, poster):
    client.force_login(poster)
    original = jpeg_with_exif()

    response = client.post(
        URL, {**form_data(), "attachments": [upload("通学路.jpg", original, "image/jpeg")]}
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == Attachment.Kind.IMAGE
    assert attachment.original_name == "通学路.jpg"
    stored = attachment.file.read()
    assert stored != original
    assert b"KyosoCam" not in stored and b"secret comment" not in stored
    image = Image.open(io.BytesIO(stored))
    assert dict(image.getexif()) == {}
    assert attachment.file.name.endswith(".jpg")
    page = client.get(response["Location"]).content.decode()
    assert attachment.file.url in page


def test_a_pdf_is_kept_as_is(client, poster):
    client.force_login(poster)

    client.post(URL, {**form_data(), "attachments": [upload("資料.pdf", PDF_BYTES)]})

    attachment = Attachment.objects.get()
    assert attachment.kind == Attachment.Kind.PDF
    assert attachment.file.read() == PDF_BYTES
    assert attachment.file.name.endswith(".pdf")


def test_several_files_at_once(client, poster):
    client.force_login(poster)

    client.post(
        URL,
        {
            **form_data(),
            "attachments": [upload("a.png", png_bytes()), upload("b.pdf", PDF_BYTES)],
        },
    )

    assert sorted(Attachment.objects.values_list("kind", flat=True)) == ["image", "pdf"]


def _refused(client, files):
    response = client.post(URL, {**form_data(), "attachments": files})
    assert response.status_code == 400
    assert not Issue.objects.exists()
    assert not Attachment.objects.exists()
    return response.content.decode()


def test_html_disguised_as_an_image_is_refused(client, poster):
    client.force_login(poster)

    page = _refused(
        client, [upload("photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")]
    )

    assert str(messages.FILE_NOT_ALLOWED % {"name": "photo.jpg"}) in page
    assert str(messages.FILES_MUST_BE_CHOSEN_AGAIN) in page
    assert form_data()["title"] in page  # the rest of the form is kept


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(client, poster):
    client.force_login(poster)

    page = _refused(client, [upload("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")])

    assert str(messages.FILE_NOT_ALLOWED % {"name": "report.pdf"}) in page


def test_an_svg_is_refused(client, poster):
    client.force_login(poster)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'

    page = _refused(client, [upload("map.svg", svg, "image/svg+xml")])

    assert str(messages.FILE_NOT_ALLOWED % {"name": "map.svg"}) in page


def test_an_oversize_file_is_refused(client, poster):
    client.force_login(poster)
    big = PDF_BYTES + b"0" * MAX_FILE_BYTES

    page = _refused(client, [upload("big.pdf", big)])

    assert str(messages.FILE_TOO_LARGE % {"name": "big.pdf", "limit": 10}) in page


def test_at_most_five_files(client, poster):
    client.force_login(poster)

    page = _refused(client, [upload(f"{n}.pdf", PDF_BYTES) for n in range(6)])

    assert str(messages.TOO_MANY_FILES % {"limit": 5}) in page


def test_an_empty_file_is_refused(client, poster):
    client.force_login(poster)

    page = _refused(client, [upload("empty.png", b"")])

    assert "empty.png" in page


def test_a_file_name_with_markup_is_shown_escaped(client, poster):
    client.force_login(poster)

    page = _refused(client, [upload("<img src=x onerror=alert(1)>.jpg", b"not an image")])

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.jpg" in page
