"""What the issues app plugs into core: rules, navigation, search, personal data.

Each part is registered by the module that owns it; this file only calls them in one place.
"""


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.core import navigation
    from kyoso.issues import rules

    rules.register()
    navigation.register(_("課題"), "issues:list", 10)
