"""The questionnaires: the list, a survey and its sections and questions, a copy."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from surveys import permissions, services
from surveys.forms import (
    QuestionForm,
    SectionForm,
    SurveyEditForm,
    SurveyForm,
)
from surveys.models import Campaign, Question, Survey


def index(request):
    permissions.require_reader(request.user)
    campaigns = (
        Campaign.objects.select_related("survey", "result", "department")
        .annotate(
            links=Count("tokens"), used=Count("tokens", filter=Q(tokens__used_at__isnull=False))
        )
        .order_by("-opens_on", "title")
    )
    surveys = Survey.objects.annotate(n_campaigns=Count("campaigns")).order_by("title", "-version")
    return render(
        request,
        "surveys/index.html",
        {
            "campaigns": campaigns,
            "surveys": surveys,
            "can_manage": permissions.can_manage_surveys(request.user),
            "today": timezone.localdate(),
        },
    )


def survey_create(request):
    permissions.require_manager(request.user)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.create_survey(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Survey created."))
        return redirect(survey)
    return render(request, "surveys/form.html", {"form": form, "title": _("New survey")})


def survey_edit(request, pk):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    form = SurveyEditForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        services.update_survey(actor=request.user, survey=form.instance)
        messages.success(request, _("Survey saved."))
        return redirect(survey)
    return render(
        request, "surveys/form.html", {"form": form, "title": _("Edit survey"), "back": survey}
    )


def survey_detail(request, pk):
    survey = permissions.get_survey_for_user(request.user, pk)
    sections = survey.sections.prefetch_related("questions")
    return render(
        request,
        "surveys/survey.html",
        {
            "survey": survey,
            "sections": sections,
            "locked": survey.is_locked,
            "can_manage": permissions.can_manage_surveys(request.user),
            "section_form": SectionForm(),
            "versions": Survey.objects.filter(lineage=survey.lineage).exclude(pk=survey.pk),
        },
    )


@require_POST
def section_add(request, pk):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.add_section(
                actor=request.user, survey=survey, title=form.cleaned_data["title"]
            )
        except services.SurveyError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("A section needs a title."))
    return redirect(survey)


def question_edit(request, pk, question_pk=None):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    question = (
        permissions.get_rw_question_for_user(request.user, survey.pk, question_pk)
        if question_pk
        else Question(survey=survey)
    )
    form = QuestionForm(request.POST or None, instance=question, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(actor=request.user, question=form.instance)
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Question saved."))
            return redirect(survey)
    title = _("Edit question") if question_pk else _("New question")
    return render(request, "surveys/form.html", {"form": form, "title": title, "back": survey})


@require_POST
def question_delete(request, pk, question_pk):
    question = permissions.get_rw_question_for_user(request.user, pk, question_pk)
    try:
        services.delete_question(actor=request.user, question=question)
        messages.success(request, _("Question deleted."))
    except services.SurveyError as exc:
        messages.error(request, str(exc))
    return redirect("surveys:survey", pk)


@require_POST
def survey_copy(request, pk):
    survey = permissions.get_rw_survey_for_user(request.user, pk)
    copy = services.copy_survey(actor=request.user, survey=survey)
    messages.success(
        request, _("Version %(v)s created: change its questions here.") % {"v": copy.version}
    )
    return redirect(copy)
