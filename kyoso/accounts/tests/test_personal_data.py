import io
import json
import zipfile

import pytest
from django.contrib.auth import authenticate
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kyoso.accounts.models import Profile, User
from kyoso.accounts.services.privacy import user_export_data
from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.audit.models import AuditEvent


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 200, 10)).save(out, format="PNG")
    return out.getvalue()


def _download(client) -> zipfile.ZipFile:
    response = client.post(reverse("accounts:data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_download_holds_own_data_and_uploads_and_nobody_elses(client, suzuki, takahashi):
    Profile.objects.filter(user=suzuki).update(bio="鈴木の自己紹介")
    Profile.objects.filter(user=takahashi).update(bio="高橋の自己紹介")
    for person in (suzuki, takahashi):
        client.force_login(person)
        client.post(
            reverse("accounts:avatar"), {"avatar": SimpleUploadedFile("a.png", _png(), "image/png")}
        )
    client.force_login(suzuki)

    archive = _download(client)

    data = json.loads(archive.read("data.json"))
    raw = archive.read("data.json").decode()
    assert data["account"]["email"] == suzuki.email
    assert data["profile"]["bio"] == "鈴木の自己紹介"
    assert "高橋" not in raw and takahashi.email not in raw
    uploads = [n for n in archive.namelist() if n.startswith("uploads/")]
    own_avatar = Profile.objects.get(user=suzuki).avatar.name
    assert uploads == [f"uploads/{own_avatar}"]
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORTED, actor=suzuki).count() == 1
    )


def test_nobody_can_export_someone_else(suzuki, takahashi):
    with pytest.raises(PermissionError):
        user_export_data(actor=suzuki, user=takahashi)


def test_anonymous_cannot_download(client):
    response = client.post(reverse("accounts:data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_deleting_the_account_erases_personal_data_and_keeps_the_row(
    client, suzuki, django_capture_on_commit_callbacks
):
    client.force_login(suzuki)
    client.post(
        reverse("accounts:avatar"), {"avatar": SimpleUploadedFile("a.png", _png(), "image/png")}
    )
    avatar = Profile.objects.get(user=suzuki).avatar
    avatar_name, storage = avatar.name, avatar.storage

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:delete"), {"password": DEFAULT_PASSWORD, "confirm": "退会する"}
        )

    assert response.status_code == 302
    user = User.objects.get(pk=suzuki.pk)
    assert user.deleted_at is not None
    assert user.public_name == "退会したユーザー"
    assert user.email != "suzuki@example.jp"
    assert user.family_name == user.given_name == user.display_name == ""
    assert not user.is_active
    assert not Profile.objects.filter(user=user).exists()
    assert not storage.exists(avatar_name)
    assert authenticate(username="suzuki@example.jp", password=DEFAULT_PASSWORD) is None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_DELETED).exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("password", "confirm"), [("wrong-pass-123", "退会する"), (DEFAULT_PASSWORD, "はい")]
)
def test_deletion_needs_password_and_confirmation(client, suzuki, password, confirm):
    client.force_login(suzuki)
    response = client.post(reverse("accounts:delete"), {"password": password, "confirm": confirm})
    assert response.status_code == 200
    assert User.objects.get(pk=suzuki.pk).deleted_at is None
