from kyoso.sitepages.models import SitePage, SiteSettings


def site_settings() -> SiteSettings:
    """The settings row, or the defaults (unsaved) until the secretariat first saves them."""
    return SiteSettings.objects.filter(singleton=True).first() or SiteSettings()


def site_page(slug: str) -> SitePage | None:
    return SitePage.objects.filter(slug=slug).first()
