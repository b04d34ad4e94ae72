import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kyoso.accounts import messages
from kyoso.accounts.models import Profile


def _jpeg_with_exif(size=(1200, 800)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x8825] = {1: "N", 2: (38.0, 15.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _upload(client, name, content, content_type="image/jpeg"):
    return client.post(
        reverse("accounts:avatar"),
        {"avatar": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_avatar_is_reencoded_resized_and_stripped_of_exif(client, suzuki):
    client.force_login(suzuki)
    original = _jpeg_with_exif()
    assert Image.open(io.BytesIO(original)).getexif()  # the upload does carry EXIF

    response = _upload(client, "me.jpg", original)

    assert response.status_code == 302
    profile = Profile.objects.get(user=suzuki)
    with profile.avatar.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG"
    assert max(stored.size) == 512
    assert not stored.getexif()


def test_oversize_upload_is_refused_and_old_avatar_kept(client, suzuki):
    client.force_login(suzuki)
    _upload(client, "me.jpg", _jpeg_with_exif((64, 64)))
    before = Profile.objects.get(user=suzuki).avatar.name

    big = b"\xff\xd8\xff" + b"0" * (2 * 1024 * 1024 + 1)
    response = _upload(client, "big.jpg", big)

    assert response.status_code == 400
    assert str(messages.AVATAR_TOO_LARGE) in response.content.decode()
    assert Profile.objects.get(user=suzuki).avatar.name == before


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("evil.jpg", b"<script>alert(1)</script>", "image/jpeg"),
        ("doc.pdf", b"%PDF-1.4 not an image", "application/pdf"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"broken", "image/png"),
    ],
)
def test_non_images_are_refused_with_a_clear_message(client, suzuki, name, content, content_type):
    client.force_login(suzuki)
    response = _upload(client, name, content, content_type)
    assert response.status_code == 400
    assert str(messages.AVATAR_NOT_IMAGE) in response.content.decode()
    assert not Profile.objects.get(user=suzuki).avatar


def test_transparent_png_stays_png(client, suzuki):
    client.force_login(suzuki)
    out = io.BytesIO()
    Image.new("RGBA", (100, 100), (0, 0, 0, 0)).save(out, format="PNG")
    _upload(client, "icon.png", out.getvalue(), "image/png")
    assert Profile.objects.get(user=suzuki).avatar.name.endswith(".png")


def test_avatar_can_be_removed(client, suzuki, django_capture_on_commit_callbacks):
    client.force_login(suzuki)
    _upload(client, "me.jpg", _jpeg_with_exif((64, 64)))
    name = Profile.objects.get(user=suzuki).avatar.name
    storage = Profile.objects.get(user=suzuki).avatar.storage

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:avatar"), {"remove": "1"})

    assert not Profile.objects.get(user=suzuki).avatar
    assert not storage.exists(name)
