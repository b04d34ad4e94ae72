"""The work's part of a person's data: exported, then erased without breaking the projects'
records or counts."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from kyoso.projects import personal_data_work
from kyoso.projects.models import Comment, Hearing, Need, NeedStatus, Project, Update
from kyoso.projects.services import comments, moderation, needs, records, updates
from kyoso.projects.tests.factories_work import follow, join, project_with_lead

pytestmark = pytest.mark.django_db


def test_export_then_erase(suzuki, takahashi):
    project = project_with_lead(suzuki)
    join(project, takahashi)
    follow(project, takahashi)
    comments.comment_create(actor=takahashi, project=project, body="高橋のコメント")
    updates.update_create(actor=takahashi, project=project, body="高橋の報告")
    records.hearing_create(
        actor=takahashi,
        project=project,
        data={
            "heard_text": "住民",
            "held_on": __import__("datetime").date(2026, 4, 1),
            "learned": "わかった",
            "private_notes": "メモ",
        },
    )
    need = needs.need_create(actor=suzuki, project=project, data={"kind": "people", "title": "人"})
    needs.need_change_status(
        actor=suzuki, need=need, to_status=NeedStatus.FILLED, filled_by=takahashi
    )
    other = comments.comment_create(actor=suzuki, project=project, body="鈴木")
    moderation.report_create(actor=takahashi, project=project, comment=other, reason="r")

    data = personal_data_work.export(takahashi)
    json.dumps(data, cls=DjangoJSONEncoder)  # serializable as the download is
    assert data["comments"][0]["body"] == "高橋のコメント"
    assert data["updates"][0]["body"] == "高橋の報告"
    assert data["hearings_recorded"][0]["private_notes"] == "メモ"
    assert data["needs_filled"][0]["need"] == "人"
    assert data["reports_sent"][0]["reason"] == "r"

    personal_data_work.erase(takahashi)
    assert Comment.objects.get(author=takahashi).body == ""
    assert Project.objects.get(pk=project.pk).comment_count == 1
    assert not Update.objects.exists()
    assert Hearing.objects.get().created_by is None
    filled = Need.objects.get()
    assert filled.filled_by is None and filled.status == NeedStatus.FILLED
    assert personal_data_work.export(takahashi)["reports_sent"] == []


def test_the_data_download_and_deletion_reach_the_work(suzuki, takahashi):
    """Through core's registry, as the account pages call it: the download holds the person's
    comments, and erasing the account's data tombstones them."""
    from kyoso.core import personal_data as core

    project = project_with_lead(suzuki)
    comments.comment_create(actor=takahashi, project=project, body="高橋のコメント")

    exported = core.export_sections(takahashi)["projects"]["work"]
    assert [c["body"] for c in exported["comments"]] == ["高橋のコメント"]

    core.erase_all(takahashi)
    assert not Comment.objects.filter(author=takahashi, deleted_at__isnull=True).exists()
    assert Project.objects.get(pk=project.pk).comment_count == 0
