"""Hub photos: staff add them (checked and re-encoded: a GPS position in the EXIF is dropped)
with a caption used as alternative text, they show on the hub's page, and staff remove them.
A file that is no image, a missing caption, an upload past the limit: refused, nothing kept."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kyoso.hubs import messages
from kyoso.hubs.models import HubPhoto
from kyoso.hubs.services import hubs as hub_services

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "KyosoCam"  # Make: a camera maker, as any EXIF would carry
    Image.new("RGB", (640, 480), (40, 120, 200)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _url(hub):
    return reverse("hubs:photos", args=[hub.slug])


def test_staff_add_a_photo_shown_on_the_hub_page(client, hub, hub_staff):
    data = jpeg_with_gps()
    assert b"KyosoCam" in data
    client.force_login(hub_staff)
    response = client.post(
        _url(hub),
        {
            "image": SimpleUploadedFile("lounge.jpg", data, content_type="image/jpeg"),
            "caption": "窓際のコワーキング席",
        },
    )
    assert response.status_code == 302
    photo = HubPhoto.objects.get(hub=hub)
    stored = photo.image.read()
    assert b"KyosoCam" not in stored  # re-encoded: EXIF (a GPS position too) is gone
    page = client.get(reverse("hubs:detail", args=[hub.slug])).content.decode()
    assert photo.image.url in page and 'alt="窓際のコワーキング席"' in page
    client.post(_url(hub), {"remove": photo.pk})
    assert not HubPhoto.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "caption", "message"),
    [
        (
            "fake.jpg",
            b"%PDF-1.4 not an image",
            "説明",
            messages.PHOTO_NOT_IMAGE % {"name": "fake.jpg"},
        ),
        ("ok.jpg", None, "", messages.PHOTO_CAPTION_REQUIRED),
    ],
)
def test_bad_uploads_are_refused_with_a_message(
    client, hub, hub_staff, name, data, caption, message
):
    client.force_login(hub_staff)
    upload = SimpleUploadedFile(name, data or jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(_url(hub), {"image": upload, "caption": caption})
    assert response.status_code == 400
    assert str(message) in response.content.decode()
    assert not HubPhoto.objects.exists()


def test_the_number_of_photos_is_bounded(hub, hub_staff, monkeypatch):
    monkeypatch.setattr(hub_services, "PHOTOS_MAX", 1)
    hub_services.photo_add(
        actor=hub_staff, hub=hub, name="a.jpg", data=jpeg_with_gps(), caption="一"
    )
    from kyoso.hubs.services.common import BookingError

    with pytest.raises(BookingError) as caught:
        hub_services.photo_add(
            actor=hub_staff, hub=hub, name="b.jpg", data=jpeg_with_gps(), caption="二"
        )
    assert caught.value.code == "photos_full"
    assert HubPhoto.objects.count() == 1


def test_only_hub_staff_manage_photos(client, hub, suzuki):
    assert client.get(_url(hub)).status_code == 302  # signed out: to sign in
    client.force_login(suzuki)
    assert client.get(_url(hub)).status_code in (403, 404)
    photo = hub_services.photo_add(
        actor=hub.organization.memberships.first().user,
        hub=hub,
        name="a.jpg",
        data=jpeg_with_gps(),
        caption="入口",
    )
    assert client.post(_url(hub), {"remove": photo.pk}).status_code in (403, 404)
    assert HubPhoto.objects.count() == 1
