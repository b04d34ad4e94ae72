"""Every file a person can upload is checked by its bytes, never by its name or claimed type.

The first test finds every ``FileField``/``ImageField`` of every Kyoso model by introspection:
a new one fails it until it is listed in ``CHECKS`` with the function that sniffs its content
(docs/security.md). The second feeds each check an HTML page and an SVG with a script, named
as what the field accepts, and expects a refusal.
"""

from __future__ import annotations

import pytest
from django.db import models

from kyoso.core.tests.exposure import kyoso_models

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


def _issue_attachment(name, data):
    from kyoso.issues.services.posting import check_upload

    return check_upload(name, data)


def _image(name, data):
    from kyoso.core.images import clean_image

    return clean_image(data, max_bytes=5_000_000, max_side=2000)


def _proposal_pdf(name, data):
    from kyoso.challenges.services.proposals import check_pdf

    return check_pdf(name, data)


def _archive_file(name, data):
    from kyoso.archive.services import check_file

    return check_file(name, data)


def _kpi_evidence(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kyoso.kpi.validation import check_evidence

    return check_evidence(SimpleUploadedFile(name, data))


#: model field → the content check its upload path goes through (None: no path uploads it).
CHECKS = {
    "issues.Attachment.file": _issue_attachment,  # posting.check_upload: PDF magic or image
    "projects.Update.image": _image,  # services/updates.py: clean_image
    "accounts.Profile.avatar": _image,  # services/profile.avatar_set: clean_image
    "challenges.ProposalAttachment.file": _proposal_pdf,  # services/proposals.check_pdf
    "hubs.HubPhoto.image": _image,  # services/hubs.photo_add: clean_image
    "archive.Attachment.file": _archive_file,  # services.check_file: PDF magic or image
    "kpi.Actual.evidence": _kpi_evidence,  # validation.check_evidence: PDF, image, XLSX, CSV
}


def test_every_file_field_is_listed_with_its_content_check():
    found = {
        f"{model._meta.label}.{field.name}"
        for model in kyoso_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
    assert found == set(CHECKS)


@pytest.mark.parametrize("field", [k for k, v in CHECKS.items() if v is not None])
@pytest.mark.parametrize(
    ("name", "data"), [("photo.jpg", HTML), ("doc.pdf", HTML), ("icon.png", SVG), ("a.svg", SVG)]
)
def test_html_and_svg_in_disguise_are_refused(field, name, data):
    with pytest.raises(Exception) as refused:
        CHECKS[field](name, data)
    assert type(refused.value).__name__ in {
        "IssueError",
        "ImageRejected",
        "ChallengeError",
        "ArchiveError",
        "KpiError",
    }
