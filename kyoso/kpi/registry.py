"""What the KPI app plugs into core: rules, audit actions, the
the notification type of survey invitations and the scheduled refresh."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kyoso.audit.registry import register_actions
    from kyoso.core.schedule import Daily, register_job
    from kyoso.kpi import audit, rules
    from kyoso.notifications.types import register_type

    rules.register()
    register_actions(audit.ACTIONS)
    register_type("kpi.surveys", _("アンケートのお願い"), kinds=["kpi.survey_opened"], order=80)
    register_job(
        "kpi.refresh",
        command="refresh_kpis",
        when=Daily(4, 15),
        description="Close surveys past their closing time and store computed KPI actuals.",
    )
