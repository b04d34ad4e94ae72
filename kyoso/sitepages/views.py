from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext

from kyoso.core.policy import public, rule_required
from kyoso.sitepages import services
from kyoso.sitepages.forms import SitePageForm, SiteSettingsForm
from kyoso.sitepages.models import SitePage
from kyoso.sitepages.selectors import site_page, site_settings


def _known_slug(slug: str) -> str:
    if slug not in SitePage.Slug.values:
        raise Http404
    return slug


@public
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = site_page(_known_slug(slug))
    language = get_language() or "ja"
    return render(
        request,
        "sitepages/detail.html",
        {
            "page": page,
            "slug": slug,
            "title": page.title_for(language) if page else SitePage.Slug(slug).label,
            "body": page.body_for(language) if page else "",
        },
    )


@rule_required("sitepages.change_sitepage")
def page_edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = site_page(_known_slug(slug))
    form = SitePageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        services.site_page_save(
            actor=request.user, slug=slug, data=form.cleaned_data, request=request
        )
        flash.success(request, gettext("保存しました。"))
        return redirect("sitepages:detail", slug=slug)
    return render(request, "sitepages/edit.html", {"form": form, "slug": slug})


@rule_required("sitepages.change_sitesettings")
def site_settings_edit(request: HttpRequest) -> HttpResponse:
    form = SiteSettingsForm(request.POST or None, instance=site_settings())
    if request.method == "POST" and form.is_valid():
        services.site_settings_save(actor=request.user, data=form.cleaned_data, request=request)
        flash.success(request, gettext("保存しました。"))
        return redirect("sitepages:settings")
    return render(request, "sitepages/settings.html", {"form": form})
