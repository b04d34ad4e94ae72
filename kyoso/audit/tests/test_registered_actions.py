"""Apps register their audit actions and labels; the log shows the label, not the code."""

import pytest

from kyoso.audit import registry
from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record


@pytest.mark.django_db
def test_a_registered_action_is_recorded_and_shown_with_its_label():
    # The projects app registers its actions in ready().
    event = audit_record(actor=None, action="project.created")
    assert AuditEvent.objects.get(pk=event.pk).get_action_display() == "プロジェクトの作成"
    assert ("project.created", registry.label_of("project.created")) in registry.choices()


@pytest.mark.django_db
def test_an_unregistered_action_is_refused():
    with pytest.raises(ValueError, match=r"not\.an\.action"):
        audit_record(actor=None, action="not.an.action")
    assert not AuditEvent.objects.exists()


def test_registering_a_known_action_with_another_label_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        registry.register_actions([("login.failed", "something else")])
    # The same label again is harmless (ready() may run twice in some test setups).
    registry.register_actions([("login.failed", "ログイン失敗")])
