from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "kyoso.orgs"
    label = "orgs"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from kyoso.core import navigation, personal_data
        from kyoso.orgs import personal_data as org_personal_data
        from kyoso.orgs import rules, search

        rules.register()
        navigation.register(_("団体"), "orgs:list", 20)
        search.register()
        personal_data.register(
            "organizations", export=org_personal_data.export, erase=org_personal_data.erase
        )
        personal_data.register_deletion_blocker(org_personal_data.sole_owner_blocker)
        from kyoso.orgs import home

        home.register()
