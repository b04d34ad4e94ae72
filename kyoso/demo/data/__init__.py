"""The demo region as plain lists and dicts, one module per kind.

Later features extend the demo by adding a module here (issues, events, …) and a matching
``_load_<kind>`` step in ``kyoso.demo.services``.
"""

from kyoso.demo.data.organizations import ORGANIZATION_ROLES, ORGANIZATIONS
from kyoso.demo.data.pages import site_pages
from kyoso.demo.data.people import MEMBERSHIPS, PEOPLE, PERSON_ROLES, SECRETARIAT_KEY

DEMO_EMAIL_DOMAIN = "demo.kyoso.invalid"

__all__ = [
    "DEMO_EMAIL_DOMAIN",
    "MEMBERSHIPS",
    "ORGANIZATIONS",
    "ORGANIZATION_ROLES",
    "PEOPLE",
    "PERSON_ROLES",
    "SECRETARIAT_KEY",
    "site_pages",
]
