from kyoso.sitepages.models import SitePage, SiteSettings


def site_settings() -> SiteSettings:
    settings_row, _created = SiteSettings.objects.get_or_create(singleton=True)
    return settings_row


def site_page(slug: str) -> SitePage | None:
    return SitePage.objects.filter(slug=slug).first()
