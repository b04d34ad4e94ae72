"""The screening subject ``funding.application`` (kyoso.screening.subjects.SubjectAdapter):
what a reviewer sees of a grant application, and what a decision does to it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class ApplicationAdapter:
    def describe(self, subject_ids: Iterable[int]) -> dict[int, Any]:
        """The project's title, its active members (who may not score it) and the application's
        page (2 queries)."""
        from django.urls import reverse

        from kyoso.funding.models import Application
        from kyoso.projects.selectors import member_rows
        from kyoso.screening.subjects import SubjectInfo

        applications = list(
            Application.objects.filter(pk__in=list(subject_ids)).select_related("project")
        )
        people: dict[int, set[int]] = {}
        for project_id, user_id, _joined in member_rows().filter(
            project_id__in={a.project_id for a in applications}
        ):
            people.setdefault(project_id, set()).add(user_id)
        result = {}
        for a in applications:
            persons = set(people.get(a.project_id, set()))
            if a.applicant_id:
                persons.add(a.applicant_id)
            result[a.pk] = SubjectInfo(
                title=a.project.title,
                organization_id=None,
                person_ids=frozenset(persons),
                url=reverse("funding:application", args=[a.pk]),
            )
        return result

    def decided(self, *, subject_id: int, outcome: str, reason: str, actor: Any) -> None:
        from kyoso.funding.services.grants import application_decided

        application_decided(application_id=subject_id, outcome=outcome, reason=reason, actor=actor)
