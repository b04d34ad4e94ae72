"""The demo region as plain lists and dicts, one module per kind.

Later features extend the demo by adding a module here (issues, events, …) and a matching
``_load_<kind>`` step in ``kyoso.demo.services``.
"""

from kyoso.demo.data.affiliations import MEMBERSHIPS, ORGANIZATION_ROLES, PERSON_ROLES
from kyoso.demo.data.organizations import ORGANIZATIONS
from kyoso.demo.data.pages import site_pages
from kyoso.demo.data.people import PEOPLE, SECRETARIAT_KEY

__all__ = [
    "MEMBERSHIPS",
    "ORGANIZATIONS",
    "ORGANIZATION_ROLES",
    "PEOPLE",
    "PERSON_ROLES",
    "SECRETARIAT_KEY",
    "site_pages",
]
