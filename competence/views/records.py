"""A person's record: qualifications, trainings with their certificates, experience,
and the gap to their position's requirements."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from competence import gap, history, permissions, services
from competence.forms import ExperienceForm, QualificationForm, TrainingRecordForm
from competence.models import (
    CERTIFICATE_KINDS,
    ExperienceNote,
    Qualification,
    TrainingRecord,
)
from documents.models import Document
from ims.uploads import serve_upload


def person(request, pk: int):
    person = permissions.get_person_for_user(request.user, pk)
    today = timezone.localdate()
    (person_gap,) = gap.gaps_for([person], today)
    records = list(
        person.training_records.select_related("training", "topic").order_by("-date", "pk")
    )
    position = person.profile.position
    descriptions = (
        Document.objects.filter(kind=Document.Kind.ROLE, position=position).active()
        if position
        else Document.objects.none()
    )
    entries = history.merged(
        history.entries(Qualification.history.filter(person_id=person.pk), lambda row: row.degree),
        history.entries(TrainingRecord.history.filter(person_id=person.pk), lambda r: r.title),
        history.entries(ExperienceNote.history.filter(person_id=person.pk), lambda r: r.text),
    )
    return render(
        request,
        "competence/person.html",
        {
            "person": person,
            "gap": person_gap,
            "qualifications": person.qualifications.all(),
            "records": records,
            "experience": person.experience_notes.all(),
            "descriptions": descriptions,
            "can_keep": permissions.can_keep_record(request.user, person),
            "entries": entries,
            "today": today,
            "can_register": permissions.can_view_register(request.user),
        },
    )


def _form_page(request, form, person, title, *, files=False):
    return render(
        request,
        "competence/form.html",
        {
            "form": form,
            "title": f"{title} – {person.get_full_name() or person.username}",
            "back": ("competence:person", person.pk),
            "files": files,
        },
    )


def _save_or_show(request, form, save, person, title, *, files=False):
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("competence:person", person.pk)
    return _form_page(request, form, person, title, files=files)


def qualification_add(request, pk: int):
    person = permissions.get_rw_person_for_user(request.user, pk)
    return _qualification_form(request, Qualification(person=person))


def qualification_edit(request, pk: int):
    return _qualification_form(request, permissions.get_rw_qualification_for_user(request.user, pk))


def _qualification_form(request, qualification: Qualification):
    form = QualificationForm(request.POST or None, instance=qualification)
    return _save_or_show(
        request,
        form,
        lambda f: services.save_qualification(
            qualification=f.instance,
            actor=request.user,
            seen_version=f.cleaned_data["seen_version"],
        ),
        qualification.person,
        _("Qualification"),
    )


def experience_add(request, pk: int):
    person = permissions.get_rw_person_for_user(request.user, pk)
    return _experience_form(request, ExperienceNote(person=person))


def experience_edit(request, pk: int):
    return _experience_form(request, permissions.get_rw_experience_for_user(request.user, pk))


def _experience_form(request, note: ExperienceNote):
    form = ExperienceForm(request.POST or None, instance=note)
    return _save_or_show(
        request,
        form,
        lambda f: services.save_experience(
            note=f.instance, actor=request.user, seen_version=f.cleaned_data["seen_version"]
        ),
        note.person,
        _("Experience"),
    )


def record_add(request, pk: int):
    person = permissions.get_rw_person_for_user(request.user, pk)
    return _record_form(request, TrainingRecord(person=person))


def record_edit(request, pk: int):
    return _record_form(request, permissions.get_rw_record_for_user(request.user, pk))


def _record_form(request, record: TrainingRecord):
    form = TrainingRecordForm(request.POST or None, request.FILES or None, instance=record)
    return _save_or_show(
        request,
        form,
        lambda f: services.save_training_record(
            record=f.instance,
            actor=request.user,
            upload=f.cleaned_data.get("certificate"),
            seen_version=f.cleaned_data["seen_version"],
        ),
        record.person,
        _("Training"),
        files=True,
    )


def certificate(request, pk: int):
    record = permissions.get_record_for_user(request.user, pk)
    if not record.certificate:
        raise Http404
    return serve_upload(
        record.certificate,
        filename=record.certificate_name or "certificate",
        kinds=CERTIFICATE_KINDS,
    )
