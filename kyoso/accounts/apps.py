from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kyoso.accounts"
    label = "accounts"

    def ready(self) -> None:
        from kyoso.accounts import rules, search
        from kyoso.accounts.services.privacy import register_personal_data

        rules.register()
        register_personal_data()
        search.register()
