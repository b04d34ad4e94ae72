"""Updates (活動報告): posted by members with an optional image that is re-encoded (EXIF
gone), refused clearly when the file is not an image; followers told; deleted by the author,
leads or the secretariat."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kyoso.audit.models import AuditEvent
from kyoso.issues.tests.conftest import jpeg_with_exif
from kyoso.notifications.models import Notification
from kyoso.projects import audit
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Update
from kyoso.projects.tests.factories_work import follow, join, project_with_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki, title="空き家の居場所づくり")


def _post(client, project, body, image=None):
    data = {"body": body}
    if image is not None:
        data["image"] = image
    return client.post(reverse("projects:updates", args=[project.pk]), data)


def test_an_update_with_a_photo_loses_its_exif_and_followers_hear(
    client, suzuki, takahashi, project
):
    follow(project, takahashi)
    client.force_login(suzuki)
    photo = SimpleUploadedFile("cafe.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = _post(client, project, "初回に12人が来ました。", photo)
    update = Update.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#update-{update.pk}")
    stored = update.image.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    assert b"KyosoCam" not in stored and b"secret comment" not in stored
    note = Notification.objects.get(kind="projects.update")
    assert note.recipient == takahashi
    page = client.get(reverse("projects:updates", args=[project.pk])).content.decode()
    assert update.image.url in page


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_written(client, suzuki, project):
    client.force_login(suzuki)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = _post(client, project, "本文は残ります", fake)
    assert response.status_code == 400
    page = response.content.decode()
    assert str(messages.IMAGE_NOT_IMAGE % {"name": "photo.jpg"}) in page
    assert "本文は残ります" in page
    assert not Update.objects.exists()


def test_an_outsider_cannot_post_and_authors_leads_delete(client, suzuki, takahashi, sato, project):
    client.force_login(takahashi)
    assert _post(client, project, "x").status_code == 403
    join(project, takahashi)
    _post(client, project, "高橋の報告")
    update = Update.objects.get()
    client.force_login(suzuki)  # the lead
    client.post(reverse("projects:update_delete", args=[project.pk, update.pk]))
    assert not Update.objects.exists()
    assert AuditEvent.objects.filter(action=audit.UPDATE_DELETED).count() == 1


def test_an_empty_update_is_refused(client, suzuki, project):
    client.force_login(suzuki)
    response = _post(client, project, "   ")
    assert response.status_code == 400
    assert str(messages.UPDATE_BODY_REQUIRED) in response.content.decode()
