"""The secretariat's upload of past events (``/events/import/``): every problem of the file
with its line number, or the events imported — never half of them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from kyoso.core.policy import rule_required
from kyoso.events.forms_import import ImportForm
from kyoso.events.services.importing import (
    WEB_MAX_ROWS,
    ImportFileError,
    ImportRefused,
    describe,
    events_import,
    summary,
)


@rule_required("events.import_events")
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "events/import.html", {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    context: dict = {"form": form}
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = events_import(
                actor=request.user,
                data=upload.read(),
                source=upload.name,
                organization=form.cleaned_data["organization"],
                max_rows=WEB_MAX_ROWS,
                request=request,
            )
        except ImportFileError as error:
            form.add_error("file", error.message)
        except ImportRefused as refused:
            context.update(problems=describe(refused.problems), refusal=summary(refused.problems))
        else:
            return render(request, "events/import_done.html", {"result": result})
    return render(request, "events/import.html", context, status=400)


urlpatterns = [
    path("import/", upload, name="import"),
]
