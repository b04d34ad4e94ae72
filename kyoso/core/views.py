from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from kyoso.core.policy import login_required, public


@public
def home(request: HttpRequest) -> HttpResponse:
    """The region's pulse: the registered home blocks (kyoso.core.home), from the cache when
    warm, narrowed by ``?municipality=`` (JIS code) or ``?community=`` (id). For signed-out
    visitors the whole body comes from the cache (kyoso.core.pagecache) until an app the home
    reads writes something."""
    from kyoso.core import home as home_blocks
    from kyoso.core import home_filters
    from kyoso.core.pagecache import anonymous_fragment

    names = {name for block in home_blocks.home_blocks() for name in block.depends_on}
    content = anonymous_fragment(
        request,
        "core.home",
        depends_on=names | home_filters.depends_on(),
        render=lambda: render_to_string(
            "core/_home_content.html", _home_context(request), request=request
        ),
    )
    return render(request, "core/home.html", {"content": content})


def _home_context(request: HttpRequest) -> dict:
    from kyoso.core import home as home_blocks
    from kyoso.core.home_filters import filters_from, place_groups

    chosen = filters_from(request.GET)
    groups = place_groups()
    offered = {code for group in groups for code, _ in group.places}
    rendered = home_blocks.render_home(chosen.filters)
    return {
        "chosen": chosen,
        "place_groups": groups,
        # A place given in the URL where nothing is yet: still shown as chosen.
        "place_outside": chosen.filters.municipality not in offered,
        "pulse": [r for r in rendered if r.block.section == home_blocks.PULSE],
        "figures": [r for r in rendered if r.block.section == home_blocks.FIGURES],
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in person's dashboard: what needs their attention, then what is theirs."""
    from kyoso.core import home as home_blocks

    rendered = home_blocks.render_dashboard(request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "attention": [r for r in rendered if r.block.section == home_blocks.ATTENTION],
            "for_you": [r for r in rendered if r.block.section == home_blocks.FOR_YOU],
        },
    )


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)


@public
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@public
def floor(request: HttpRequest) -> HttpResponse:
    """The framework floor of the page benchmark: the whole middleware stack and nothing else
    (routed only with ``KYOSO_BENCH_FLOOR``, which production refuses)."""
    return HttpResponse("ok", content_type="text/plain")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


#: Seconds a client is asked to wait (``Retry-After``) when the database cannot be reached.
DATABASE_RETRY_AFTER = 30


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` is the database being out of reach (restarting, connection lost) rather
    than a bug: Django's wrapped ``OperationalError`` and ``InterfaceError`` (``connection
    already closed``), which a retry after a short wait can cure."""
    from django.db import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: a static page (no database, no context processors). When the
    exception being handled is the database out of reach, 503 with ``Retry-After`` instead:
    the outage is temporary and the page says so (docs/scaling.md, "Load and faults")."""
    import sys

    from django.template import loader

    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("errors/503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


@public
def search(request: HttpRequest) -> HttpResponse:
    """Site search: ``?q=`` words, ``type=`` one registered type, ``page=`` (20 per page)."""
    from kyoso.core.search import site_search

    result = site_search(
        request.GET.get("q", ""),
        request.user,
        type_key=request.GET.get("type", ""),
        page_number=request.GET.get("page", 1),
    )
    return render(request, "core/search.html", {"search_query": result.query, "result": result})


@public
def styleguide(request: HttpRequest) -> HttpResponse:
    """Every component of the design system (kyoso.css, docs/design.md) with sample text."""
    from kyoso.core import styleguide as guide

    return render(
        request,
        "core/styleguide.html",
        {
            "sections": guide.SECTIONS,
            "colours": guide.COLOUR_TOKENS,
            "spacing": guide.SPACING_TOKENS,
            "type_scale": guide.TYPE_TOKENS,
            "shapes": guide.SHAPE_TOKENS,
            "form": guide.sample_form(),
            "page": guide.sample_page(),
            "query_string": "",
        },
    )
