"""What the KPI app plugs into core: rules, audit actions, personal data, the notification
type of survey invitations and the scheduled refresh."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kyoso.audit.registry import register_actions
    from kyoso.core import personal_data as core_personal_data
    from kyoso.core.schedule import Daily, register_job
    from kyoso.kpi import audit, personal_data, rules
    from kyoso.notifications.types import register_type

    rules.register()
    register_actions(audit.ACTIONS)
    core_personal_data.register("kpi", export=personal_data.export, erase=personal_data.erase)
    register_type("kpi.surveys", _("アンケートのお願い"), kinds=["kpi.survey_opened"], order=80)
    register_job(
        "kpi.refresh",
        command="refresh_kpis",
        when=Daily(4, 15),
        description="Close surveys past their closing time and store computed KPI actuals.",
    )
