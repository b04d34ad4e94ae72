"""Rules of the fund app (``funding.<verb>_<model>``), registered by register().

- see a fund, its rounds, its transparency page and CSV: everyone;
- open a fund: verified members who manage (owner/admin) the organization that will run it;
- manage a fund (its rounds, grant agreements, tranches, managers): the organization's owners
  and admins and the fund's managers;
- donate: verified members (the service checks amounts, designation and the organization);
- apply to a round: verified members (the service checks the deadline, eligibility and that
  the applicant leads the project);
- see an application: its project's lead and the fund's managers (everyone else: 404);
- report on a grant: its project's lead;
- read a donation's receipt: its donor and the fund's managers.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_email_verified
from kyoso.core.rules import is_active_member
from kyoso.funding.models import Application, Donation, Fund, Grant, GrantRound

#: Attribute where the first rule asked keeps (viewer id, manages the fund?) on a fund.
VIEWER_MANAGES = "viewer_manages_fund"


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def fund_of(obj: Any) -> Fund | None:
    if isinstance(obj, Fund):
        return obj
    if isinstance(obj, GrantRound | Donation | Grant):
        return obj.fund
    if isinstance(obj, Application):
        return obj.round.fund
    return None


def manages_organization(user: Any, organization: Any) -> bool:
    from kyoso.orgs.rules import MANAGER_ROLES, role_in

    return _authenticated(user) and role_in(user, organization) in MANAGER_ROLES


def manages_fund(user: Any, fund: Fund | None) -> bool:
    if fund is None or fund.pk is None or not _authenticated(user):
        return False
    kept = getattr(fund, VIEWER_MANAGES, None)
    if kept is not None and kept[0] == user.pk:
        return bool(kept[1])
    answer = (
        manages_organization(user, fund.organization)
        or fund.managers.filter(user_id=user.pk).exists()
    )
    setattr(fund, VIEWER_MANAGES, (user.pk, answer))
    return answer


def leads_project(user: Any, project: Any) -> bool:
    from kyoso.projects.rules import is_lead_of

    return _authenticated(user) and is_lead_of(user, project)


verified_member = is_active_member & is_email_verified


@rules.predicate
def is_fund_manager(user, obj) -> bool:
    return manages_fund(user, fund_of(obj))


@rules.predicate
def may_open_fund(user, obj) -> bool:
    from kyoso.orgs.models import Organization

    return isinstance(obj, Organization) and manages_organization(user, obj)


@rules.predicate
def is_fund(user, obj) -> bool:
    return isinstance(obj, Fund)


@rules.predicate
def is_round(user, obj) -> bool:
    return isinstance(obj, GrantRound)


@rules.predicate
def leads_applying_project(user, obj) -> bool:
    if isinstance(obj, Application | Grant):
        return leads_project(user, obj.project)
    return False


@rules.predicate
def is_donor(user, obj) -> bool:
    return isinstance(obj, Donation) and _authenticated(user) and obj.donor_id == user.pk


def register() -> None:
    rules.set_perm("funding.view_fund", rules.always_allow)
    rules.set_perm("funding.add_fund", verified_member & may_open_fund)
    rules.set_perm("funding.manage_fund", is_fund_manager)
    rules.set_perm("funding.donate_fund", verified_member & is_fund)
    rules.set_perm("funding.apply_round", verified_member & is_round)
    rules.set_perm("funding.view_application", leads_applying_project | is_fund_manager)
    rules.set_perm("funding.report_grant", leads_applying_project)
    rules.set_perm("funding.view_receipt", is_donor | is_fund_manager)
