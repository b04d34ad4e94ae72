"""Surveys: the secretariat builds, sends and closes them and reads the results (never under
five answers); a person they were sent to answers once, before the close."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kyoso.core.policy import rule_required
from kyoso.kpi import messages, selectors_surveys, services
from kyoso.kpi.forms import AnswerForm, QuestionForm, SurveyForm
from kyoso.kpi.models import Indicator, SourceKind, Survey
from kyoso.kpi.validation import KpiError
from kyoso.kpi.views._common import communities, refuse


def _survey(request: HttpRequest, pk: int, **kwargs: Any) -> Survey:
    return selectors_surveys.survey_get(pk)


def _survey_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(source_kind=SourceKind.SURVEY).order_by("order", "id"))


@require_GET
@rule_required("kpi.manage_survey")
def survey_list(request: HttpRequest) -> HttpResponse:
    return render(request, "kpi/surveys.html", {"surveys": selectors_surveys.surveys()})


@require_http_methods(["GET", "POST"])
@rule_required("kpi.manage_survey")
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None, communities=communities())
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=request.user, **form.service_data())
        except KpiError as error:
            refuse(form, error)
        else:
            flash.success(request, messages.SURVEY_CREATED)
            return redirect("kpi:survey_manage", pk=survey.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "kpi/survey_form.html", {"form": form}, status=status)


def _manage(
    request: HttpRequest, survey: Survey, *, form: QuestionForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "kpi/survey_manage.html",
        {
            "survey": survey,
            "questions": list(survey.questions.all()),
            "form": form or QuestionForm(indicators=_survey_indicators()),
            "results": selectors_surveys.survey_results(survey),
            "min_group": selectors_surveys.MIN_GROUP,
        },
        status=status,
    )


@require_GET
@rule_required("kpi.manage_survey", get_object=_survey)
def survey_manage(request: HttpRequest, pk: int, obj: Survey) -> HttpResponse:
    return _manage(request, obj)


@require_POST
@rule_required("kpi.manage_survey", get_object=_survey)
def question_add(request: HttpRequest, pk: int, obj: Survey) -> HttpResponse:
    form = QuestionForm(request.POST, indicators=_survey_indicators())
    if form.is_valid():
        try:
            services.question_add(actor=request.user, survey=obj, **form.service_data())
        except KpiError as error:
            refuse(form, error)
        else:
            flash.success(request, messages.QUESTION_ADDED)
            return redirect("kpi:survey_manage", pk=pk)
    return _manage(request, obj, form=form, status=400)


@require_POST
@rule_required("kpi.manage_survey", get_object=_survey)
def survey_send(request: HttpRequest, pk: int, obj: Survey) -> HttpResponse:
    try:
        count = services.survey_open(actor=request.user, survey=obj)
    except KpiError as error:
        flash.error(request, str(error.message))
    else:
        flash.success(request, messages.SURVEY_OPENED % {"count": count})
    return redirect("kpi:survey_manage", pk=pk)


@require_POST
@rule_required("kpi.manage_survey", get_object=_survey)
def survey_close(request: HttpRequest, pk: int, obj: Survey) -> HttpResponse:
    try:
        services.survey_close(actor=request.user, survey=obj)
    except KpiError as error:
        flash.error(request, str(error.message))
    else:
        flash.success(request, messages.SURVEY_CLOSED_NOW)
    return redirect("kpi:survey_manage", pk=pk)


def _answer_page(
    request: HttpRequest, survey: Survey, form: AnswerForm, *, error: Any = None, status: int = 200
) -> HttpResponse:
    now = timezone.now()
    closed = survey.status == Survey.Status.CLOSED or survey.closes_at <= now
    return render(
        request,
        "kpi/survey_answer.html",
        {
            "survey": survey,
            "form": form,
            "answered": selectors_surveys.has_answered(survey, request.user),
            "closed": closed,
            "closed_message": (
                messages.SURVEY_CLOSED
                % {"closed": services._when(survey.closed_at or survey.closes_at)}
                if closed
                else None
            ),
            "error": error,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@rule_required("kpi.answer_survey", get_object=_survey)
def survey_answer(request: HttpRequest, pk: int, obj: Survey) -> HttpResponse:
    form = AnswerForm(request.POST or None, questions=obj.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(actor=request.user, survey=obj, answers=form.answers())
        except KpiError as error:
            if error.field in form.fields:
                refuse(form, error)
                return _answer_page(request, obj, form, error=messages.FORM_HAS_ERRORS, status=400)
            return _answer_page(request, obj, form, error=error.message, status=409)
        flash.success(request, messages.SURVEY_ANSWERED)
        return redirect("kpi:survey_answer", pk=pk)
    status = 400 if request.method == "POST" else 200
    return _answer_page(request, obj, form, status=status)


urlpatterns = [
    path("surveys/", survey_list, name="surveys"),
    path("surveys/new/", survey_new, name="survey_new"),
    path("surveys/<int:pk>/", survey_answer, name="survey_answer"),
    path("surveys/<int:pk>/manage/", survey_manage, name="survey_manage"),
    path("surveys/<int:pk>/questions/", question_add, name="question_add"),
    path("surveys/<int:pk>/send/", survey_send, name="survey_send"),
    path("surveys/<int:pk>/close/", survey_close, name="survey_close"),
]
