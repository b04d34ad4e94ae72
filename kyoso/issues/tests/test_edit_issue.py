"""Editing an issue: the form starts from what is stored, facets are replaced, attachments can
be removed and added (five at most), the secretariat's edits are audited."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.issues import messages
from kyoso.issues.models import Attachment, Issue
from kyoso.issues.services import posting
from kyoso.issues.tests.conftest import PDF_BYTES, png_bytes


def _issue(poster, **extra):
    data = {
        "title": "元のタイトル",
        "body": "元の本文",
        "themes": ["housing", "welfare"],
        "targets": ["elderly"],
        "municipality": None,
        **extra,
    }
    uploads = [
        posting.check_upload("地図.png", png_bytes()),
        posting.check_upload("a.pdf", PDF_BYTES),
    ]
    return posting.issue_create(actor=poster, data=data, attachments=uploads)


def test_the_form_starts_from_what_is_stored(client, poster):
    issue = _issue(poster)
    client.force_login(poster)

    response = client.get(reverse("issues:edit", args=[issue.pk]))

    form = response.context["form"]
    assert form["title"].value() == "元のタイトル"
    assert sorted(form["themes"].value()) == ["housing", "welfare"]
    assert form["targets"].value() == ["elderly"]
    assert "organization" not in form.fields
    assert "地図.png" in response.content.decode()


def test_editing_replaces_facets_and_attachments(client, poster):
    issue = _issue(poster)
    pdf = Attachment.objects.get(kind="pdf")
    client.force_login(poster)

    response = client.post(
        reverse("issues:edit", args=[issue.pk]),
        {
            "title": "新しいタイトル",
            "body": "新しい本文",
            "themes": ["mobility"],
            "remove_attachments": [str(pdf.pk)],
            "attachments": [SimpleUploadedFile("追加.png", png_bytes())],
        },
    )

    assert response.status_code == 302
    issue = Issue.objects.get(pk=issue.pk)
    assert (issue.title, issue.body) == ("新しいタイトル", "新しい本文")
    assert sorted(issue.tags.values_list("kind", "value")) == [("theme", "mobility")]
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == [
        "地図.png",
        "追加.png",
    ]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).exists()


def test_no_more_than_five_attachments_in_all(client, poster):
    issue = _issue(poster)
    client.force_login(poster)

    response = client.post(
        reverse("issues:edit", args=[issue.pk]),
        {
            "title": "t",
            "body": "b",
            "themes": ["housing"],
            "attachments": [SimpleUploadedFile(f"{n}.pdf", PDF_BYTES) for n in range(4)],
        },
    )

    assert response.status_code == 400
    assert str(messages.TOO_MANY_FILES % {"limit": 5}) in response.content.decode()
    assert Attachment.objects.count() == 2


def test_the_secretariat_edit_is_audited(client, poster, sato):
    issue = _issue(poster)
    client.force_login(sato)

    client.post(
        reverse("issues:edit", args=[issue.pk]),
        {"title": "事務局が直したタイトル", "body": "本文", "themes": ["housing"]},
    )

    event = AuditEvent.objects.get(action=AuditEvent.Action.STAFF_EDIT)
    assert event.actor == sato
    assert event.target_id == str(issue.pk)
    assert Issue.objects.get(pk=issue.pk).title == "事務局が直したタイトル"
