"""Factories for issues. They write rows directly (no services): counters are whatever the test
sets; use the services when a test is about counters, history or notifications."""

import factory
from django.utils import timezone

from kyoso.issues.models import Comment, Issue, IssueTag, Stage, StageChange


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"地域の課題{n}")
    body = "空き家が増えて、通学路が暗くなっています。"
    author = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    stage = Stage.SEED

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        for value in extracted or ():
            IssueTag.objects.create(issue=self, kind=IssueTag.Kind.THEME, value=value)


class IssueTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueTag

    issue = factory.SubFactory(IssueFactory)
    kind = IssueTag.Kind.THEME
    value = "housing"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    issue = factory.SubFactory(IssueFactory)
    author = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    body = "同じことを感じていました。"


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    issue = factory.SubFactory(IssueFactory)
    from_stage = Stage.SEED
    to_stage = Stage.SURFACED
    actor = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    reason = "定例会で取り上げられました。"


def hidden(**kwargs) -> Issue:
    return IssueFactory(
        hidden_at=timezone.now(), hidden_reason="個人情報が含まれていました。", **kwargs
    )


def merged(**kwargs) -> Issue:
    target = IssueFactory(title="統合先の課題")
    return IssueFactory(stage=Stage.MERGED, merged_into=target, **kwargs)
