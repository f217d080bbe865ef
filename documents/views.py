"""Document pages, the editor and the lifecycle actions. Thin: fetch with the
right (403 when refused), bind the form, call one service, redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents import content, deciding, permissions, services
from documents.editor import bind_editor
from documents.forms import (
    DecisionForm,
    DocumentForm,
    EditionImageForm,
    PeriodicReviewForm,
    ReasonForm,
)
from documents.models import ChangeRequest, Document, EditionImage, Revision, SignOff
from documents.permissions import EDIT, READ_DRAFTS
from documents.services import ConflictError, LifecycleError
from ims.permissions import role_required
from ims.query import as_int
from ims.roles import Role
from ims.uploads import serve_upload


def _document_or_404(code: str) -> Document:
    return get_object_or_404(
        Document.objects.select_related("department", "current", "position", "procedure"),
        code=code,
    )


def _rights(user, document: Document) -> dict:
    return permissions.rights_on(user, document)


# --- pages ----------------------------------------------------------------------------


@require_GET
def document_detail(request, code: str):
    document = _document_or_404(code)
    rights = _rights(request.user, document)
    editions = document.revisions.prefetch_related(
        Prefetch("signoffs", queryset=SignOff.objects.select_related("user"))
    ).order_by("-number")
    if not rights["read_drafts"]:
        editions = editions.exclude(state__in=Revision.WORK_IN_PROGRESS)
    editions = list(editions)
    in_progress = next((r for r in editions if r.state in Revision.WORK_IN_PROGRESS), None)
    current = document.current
    change_requests = document.change_requests.select_related(
        "proposed_by", "decided_by", "revision"
    )
    if not (rights["decide"] or rights["read_drafts"]):
        change_requests = change_requests.filter(proposed_by=request.user)
    change_requests = list(change_requests)
    for change_request in change_requests:
        # One decision form per request, with ids of its own so labels pick the right radio.
        change_request.decision_form = DecisionForm(auto_id=f"cr{change_request.pk}_%s")
    today = timezone.localdate()
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "editions": editions,
            "in_progress": in_progress,
            "current": current,
            "rights": rights,
            "change_requests": change_requests,
            "reviews": document.reviews.select_related("reviewed_by", "revision")[:10],
            "review_overdue": bool(document.next_review_on and document.next_review_on < today),
            "acknowledged": bool(
                current and current.acknowledgements.filter(user=request.user).exists()
            ),
            "is_recipient": bool(current and permissions.can_acknowledge(request.user, current)),
            "reason_form": ReasonForm(),
            "withdraw_form": ReasonForm(auto_id="withdraw_%s"),
            "review_form": PeriodicReviewForm(),
        },
    )


@require_GET
def revision_detail(request, code: str, number: int):
    revision = permissions.readable_revision_or_403(request.user, code, number)
    # ?act=<action> opens that action's dialog (the bar's links, without JavaScript).
    return deciding.edition_page(request, revision, open_action=request.GET.get("act", ""))


def _render_editor(request, editor, *, status=200, conflict=None):
    context = editor.context(conflict=conflict)
    context["images"] = list(editor.revision.images.all())
    context["image_form"] = EditionImageForm()
    return render(request, "documents/edit.html", context, status=status)


def edit(request, code: str, number: int):
    revision = permissions.revision_with_right_or_403(request.user, code, number, EDIT)
    if not revision.is_editable:
        messages.warning(
            request,
            _("This edition is “%(state)s”: only a draft can be edited.")
            % {"state": revision.get_state_display()},
        )
        return redirect(revision)
    if request.method != "POST":
        return _render_editor(request, bind_editor(revision))
    editor = bind_editor(revision, request.POST)
    if editor.is_valid():
        try:
            services.save_draft(
                revision=revision,
                actor=request.user,
                data=editor.data(),
                version=editor.form.cleaned_data["version"],
            )
        except ConflictError as error:
            # The loser's text stays in the bound form; the message says what happened.
            return _render_editor(request, editor, status=409, conflict=error.message)
        except LifecycleError as error:
            editor.form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("documents:edit", code=code, number=number)
    return _render_editor(request, editor, status=400)


@require_POST
def preview(request, code: str, number: int):
    """The editor's live preview (htmx): the unsaved content, rendered and sanitised."""
    revision = permissions.revision_with_right_or_403(request.user, code, number, EDIT)
    editor = bind_editor(revision, request.POST)
    editor.is_valid()
    rendered = content.content_from_data(revision, editor.data()).rendered()
    return render(
        request,
        "documents/_content.html",
        {"content": rendered, "document": revision.document, "preview": True},
    )


@require_POST
def upload_image(request, code: str, number: int):
    """Attach an image to a draft from the editor (htmx: the list of images comes back,
    the unsaved text in the editor stays as it is)."""
    revision = permissions.revision_with_right_or_403(request.user, code, number, EDIT)
    form = EditionImageForm(request.POST, request.FILES)
    image = None
    if form.is_valid():
        try:
            image = services.attach_image(
                revision=revision, actor=request.user, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        except LifecycleError as error:
            form.add_error(None, error.message)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "documents/_images.html",
            {
                "document": revision.document,
                "revision": revision,
                "images": list(revision.images.all()),
                "image_form": form if image is None else EditionImageForm(),
                "added": image,
            },
            # 200 even when refused: htmx swaps in the form with its message.
        )
    if image is not None:
        message = _("The image was attached: insert it with %(code)s.")
        messages.success(request, message % {"code": image.markdown})
    else:
        for error in [e for errors in form.errors.values() for e in errors]:
            messages.error(request, error)
    return redirect("documents:edit", code=code, number=number)


@require_GET
def edition_image(request, code: str, number: int, image: int):
    """An image attached to an edition, for those who may read the edition."""
    revision = permissions.readable_revision_or_403(request.user, code, number)
    attached = get_object_or_404(EditionImage, revision=revision, number=image)
    extension = "png" if attached.kind == "png" else "jpg"
    response = serve_upload(
        attached.file,
        filename=f"{code}-{number}-{attached.number}.{extension}",
        kinds={attached.kind},
        as_attachment=False,
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def history(request, code: str, number: int):
    revision = permissions.readable_revision_or_403(request.user, code, number)
    entries = list(revision.history.select_related("history_user").order_by("-history_date"))
    # Each saved state links to the comparison with the one before it.
    for newer, older in zip(entries, [*entries[1:], None], strict=True):
        newer.previous_id = older.history_id if older else None
    return render(
        request,
        "documents/history.html",
        {"document": revision.document, "revision": revision, "entries": entries},
    )


def _compare_side(request, document: Document, key: str):
    """``key`` is ``e<number>`` (an edition as it is) or ``h<history id>`` (a saved state)."""
    number = as_int(key[1:]) if key else None
    if number is None or key[0] not in "eh":
        raise Http404
    if key[0] == "e":
        revision = get_object_or_404(document.revisions, number=number)
        if not permissions.can_read(request.user, revision):
            raise PermissionDenied
        label = _("Edition %(number)s (%(state)s)") % {
            "number": revision.number,
            "state": revision.status_label,
        }
        return label, content.content_of_revision(revision)
    historical = get_object_or_404(
        Revision.history.select_related("history_user"),
        history_id=number,
        document_id=document.pk,
    )
    if not permissions.can_read(request.user, historical.instance):
        raise PermissionDenied
    who = historical.history_user.get_full_name() if historical.history_user else "—"
    label = _("Edition %(number)s saved %(when)s by %(who)s") % {
        "number": historical.number,
        "when": timezone.localtime(historical.history_date).strftime("%d/%m/%Y %H:%M"),
        "who": who,
    }
    return label, content.content_of_history(historical, document)


@require_GET
def compare(request, code: str):
    document = _document_or_404(code)
    readable = [
        r
        for r in document.revisions.prefetch_related("signoffs").order_by("-number")
        if permissions.can_read(request.user, r)
    ]
    if not readable:
        raise PermissionDenied
    states = (
        Revision.history.filter(id__in=[r.pk for r in readable])
        .select_related("history_user")
        .order_by("-history_date")
    )
    states_of: dict[int, list] = {}
    for h in states:
        states_of.setdefault(h.id, []).append(h)
    choices = []
    for revision in readable:
        choices.append(
            (f"e{revision.number}", _("Edition %(number)s (%(state)s)") % {
                "number": revision.number, "state": revision.status_label})
        )  # fmt: skip
        for h in states_of.get(revision.pk, []):
            who = h.history_user.get_full_name() if h.history_user else "—"
            choices.append(
                (
                    f"h{h.history_id}",
                    f"  {_('Edition')} {h.number} · "
                    f"{timezone.localtime(h.history_date):%d/%m/%Y %H:%M} · {who}",
                )
            )
    a = request.GET.get("a") or (f"e{readable[1].number}" if len(readable) > 1 else "")
    b = request.GET.get("b") or f"e{readable[0].number}"
    result = left_label = right_label = None
    if a and b:
        left_label, left = _compare_side(request, document, a)
        right_label, right = _compare_side(request, document, b)
        result = content.compare(left, right)
    return render(
        request,
        "documents/compare.html",
        {
            "document": document,
            "choices": choices,
            "a": a,
            "b": b,
            "result": result,
            "left_label": left_label,
            "right_label": right_label,
        },
    )


# --- the register entry ------------------------------------------------------------

M2M_FIELDS = ["clauses", "distribution", "distribution_units"]


@role_required(Role.ISO_SECRETARIAT)
def create_document(request):
    """A new document in the register, with its first draft edition."""
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        many = {name: data.pop(name) for name in M2M_FIELDS}
        try:
            document = services.create_document(
                actor=request.user,
                clauses=many["clauses"],
                distribution=many["distribution"],
                distribution_units=many["distribution_units"],
                **data,
            )
        except LifecycleError as error:
            form.add_error("code", error.message)
        else:
            messages.success(request, _("The document was added with a first draft edition."))
            return redirect("documents:edit", code=document.code, number=1)
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "title": _("New document")},
        status=400 if form.is_bound else 200,
    )


@role_required(Role.ISO_SECRETARIAT)
def document_settings(request, code: str):
    document = _document_or_404(code)
    form = DocumentForm(request.POST or None, instance=Document.objects.get(pk=document.pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        many = {name: data.pop(name) for name in M2M_FIELDS}
        data.pop("code", None)
        services.update_document(document=document, actor=request.user, fields=data, many=many)
        messages.success(request, _("The register entry was saved."))
        return redirect(document)
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "title": document, "document": document},
        status=400 if form.is_bound else 200,
    )


# --- lifecycle actions ------------------------------------------------------------


def _done(request, target, message):
    messages.success(request, message)
    return redirect(target)


def _refused(request, target, error: LifecycleError):
    messages.error(request, error.message)
    return redirect(target)


@require_POST
def new_draft(request, code: str):
    document = _document_or_404(code)
    permissions.require(request.user, EDIT, document)
    try:
        draft = services.create_draft(document=document, actor=request.user)
    except LifecycleError as error:
        return _refused(request, document, error)
    return _done(
        request,
        reverse("documents:edit", args=[document.code, draft.number]),
        _("Edition %(number)s was opened as a draft.") % {"number": draft.number},
    )


SERVICES = {
    "submit": lambda r, u, d: services.submit_for_review(
        revision=r, actor=u, comment=d.get("comment", ""), auth_method=d["auth_method"]),
    "review": lambda r, u, d: services.review(
        revision=r, actor=u, comment=d.get("comment", ""), auth_method=d["auth_method"]),
    "send_back": lambda r, u, d: services.send_back(
        revision=r, actor=u, comment=d["comment"]),
    "approve": lambda r, u, d: services.approve(
        revision=r, actor=u, effective_date=d["effective_date"], comment=d.get("comment", ""),
        auth_method=d["auth_method"]),
    "publish": lambda r, u, d: services.publish(
        revision=r, actor=u, distribution=d["distribution"], units=d["units"],
        auth_method=d["auth_method"]),
}  # fmt: skip
MESSAGES = {
    "submit": lambda: _("The edition was sent for review."),
    "review": lambda: _("The edition was marked as reviewed."),
    "send_back": lambda: _("The edition was sent back to its authors."),
    "approve": lambda: _("The edition was approved."),
    "publish": lambda: _("The edition is now effective; the previous one is superseded."),
}


@require_POST
def transition(request, code: str, number: int, action: str):
    """A sign-off sent from its dialog. Refused (a wrong password, a bad date, a rule of
    the lifecycle), the page comes back with the dialog open, its message and the text
    typed in it."""
    if action not in SERVICES:
        raise Http404
    revision = permissions.revision_or_404(code, number)
    if not permissions.may_take(request.user, revision, action):
        raise PermissionDenied
    form, confirm = deciding.bind(deciding.ACTIONS[action], revision, request, request.POST)
    valid = form.is_valid()
    # Checked even when the form is not, so one answer shows every error.
    if confirm is not None:
        valid = confirm.is_valid() and valid
    if valid:
        data = {**form.cleaned_data, "auth_method": confirm.method if confirm else ""}
        try:
            SERVICES[action](revision, request.user, data)
        except LifecycleError as error:
            form.add_error(None, error.message)
        else:
            return _done(request, revision, MESSAGES[action]())
    return deciding.edition_page(
        request, revision, open_action=action, bound=(form, confirm), status=400
    )


@require_POST
def withdraw(request, code: str):
    document = _document_or_404(code)
    if not _rights(request.user, document)["withdraw"]:
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the document is withdrawn."))
        return redirect(document)
    try:
        services.make_obsolete(
            document=document, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except LifecycleError as error:
        return _refused(request, document, error)
    return _done(request, document, _("The document is withdrawn; its editions stay readable."))


# --- acknowledgement, change requests, periodic review ------------------------------


@require_POST
def acknowledge(request, code: str, number: int):
    revision = permissions.readable_revision_or_403(request.user, code, number)
    if not permissions.can_acknowledge(request.user, revision):
        raise PermissionDenied
    try:
        services.acknowledge(revision=revision, actor=request.user)
    except LifecycleError as error:
        return _refused(request, revision, error)
    return _done(request, revision, _("Thank you: your acknowledgement is recorded."))


@require_POST
def propose_change(request, code: str):
    document = _document_or_404(code)
    if not permissions.can_propose_change(request.user, document):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the change."))
        return redirect(document)
    try:
        services.propose_change(
            document=document, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except LifecycleError as error:
        return _refused(request, document, error)
    return _done(request, document, _("Your change request was sent to the owning department."))


@require_POST
def decide_change(request, code: str, pk: int):
    document = _document_or_404(code)
    if not permissions.can_decide(request.user, document):
        raise PermissionDenied
    change_request = get_object_or_404(ChangeRequest, pk=pk, document=document)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, errors)
        return redirect(document)
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == DecisionForm.ACCEPT:
            services.accept_change(change_request=change_request, actor=request.user, note=note)
            message = _("The request was accepted; a draft edition is open for it.")
        else:
            services.reject_change(change_request=change_request, actor=request.user, note=note)
            message = _("The request was rejected; the proposer sees your reason.")
    except LifecycleError as error:
        return _refused(request, document, error)
    return _done(request, document, message)


@require_POST
def periodic_review(request, code: str):
    document = _document_or_404(code)
    if not permissions.can_decide(request.user, document):
        raise PermissionDenied
    form = PeriodicReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome of the review."))
        return redirect(document)
    try:
        if form.cleaned_data["outcome"] == PeriodicReviewForm.UNCHANGED:
            services.confirm_review(
                document=document, actor=request.user, note=form.cleaned_data["note"]
            )
            message = _("The review is recorded; the edition stays in force.")
        else:
            services.review_with_new_draft(
                document=document, actor=request.user, note=form.cleaned_data["note"]
            )
            message = _("The review is recorded and a new draft is open.")
    except LifecycleError as error:
        return _refused(request, document, error)
    return _done(request, document, message)


def not_acknowledged_csv(request, code: str, number: int):
    """The who-has-not list of an edition, as CSV, for those who follow distribution."""
    from ims.exports import csv_response

    revision = permissions.revision_with_right_or_403(request.user, code, number, READ_DRAFTS)
    rows = []
    for person in services.who_has_not_acknowledged(revision):
        profile = getattr(person, "profile", None)
        department = profile.department if profile else None
        unit = profile.unit if profile else None
        rows.append(
            [
                person.get_full_name() or person.username,
                department.name if department else "",
                unit.name if unit else "",
            ]
        )
    return csv_response(
        f"{revision.document.code}-{revision.number}-not-acknowledged.csv",
        [_("Name"), _("Department"), _("Unit")],
        rows,
    )
