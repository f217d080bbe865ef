"""Campaigns: asking a survey of a group, its public link, QR poster and one-time
links, reminders and closing."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ims.exports import csv_response
from ims.models import Unit
from ims.pdf import pdf_response
from ims.query import int_param
from surveys import field, permissions, services
from surveys.forms import (
    CampaignForm,
    NamedTokensForm,
    UnitTokensForm,
)
from surveys.models import Campaign


def campaign_edit(request, pk=None):
    if pk:
        campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    else:
        permissions.require_manager(request.user)
        campaign = Campaign()
    initial = {"survey": int_param(request, "survey")} if not pk else None
    form = CampaignForm(request.POST or None, instance=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        campaign = services.save_campaign(
            actor=request.user, campaign=form.instance, public_link=form.cleaned_data["public_link"]
        )
        messages.success(request, _("Campaign saved."))
        return redirect(campaign)
    title = _("Edit campaign") if pk else _("New campaign")
    return render(request, "surveys/form.html", {"form": form, "title": title})


def campaign_detail(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk, related=("survey", "department"))
    tokens = campaign.tokens.select_related("unit")
    counts = tokens.aggregate(total=Count("id"), used=Count("id", filter=Q(used_at__isnull=False)))
    can_manage = permissions.can_manage_surveys(request.user)
    public_url = _public_url(request, campaign)
    return render(
        request,
        "surveys/campaign.html",
        {
            "campaign": campaign,
            "tokens": tokens if can_manage else [],
            "counts": counts,
            "responses": campaign.responses.count(),
            "can_manage": can_manage,
            "public_url": public_url,
            "public_qr": field.qr_svg(public_url, title=_("QR code of the public link"))
            if public_url
            else "",
            "units": Unit.objects.active_choices() if public_url else [],
            "unit_form": UnitTokensForm(),
            "named_form": NamedTokensForm(),
        },
    )


def _public_url(request, campaign) -> str:
    if not campaign.public_key:
        return ""
    return request.build_absolute_uri(reverse("surveys:answer_public", args=[campaign.public_key]))


def campaign_poster(request, pk):
    """The A4 poster of a campaign's public link, for one school or unit (``?unit=``)
    or for any; its QR code chooses the unit on the answer page when the campaign asks."""
    campaign = permissions.get_campaign_for_user(request.user, pk, related=("survey",))
    if not campaign.public_key:
        raise Http404
    unit = None
    if request.GET.get("unit"):
        unit_pk = int_param(request, "unit")
        unit = Unit.objects.filter(pk=unit_pk, is_active=True).first() if unit_pk else None
        if unit is None:
            raise Http404
    url = field.public_link(_public_url(request, campaign), campaign, unit)
    name = f"poster-{campaign.pk}-{unit.code}.pdf" if unit else f"poster-{campaign.pk}.pdf"
    return pdf_response(field.poster_pdf(campaign=campaign, url=url, unit=unit), name)


@require_POST
def campaign_tokens(request, pk, kind):
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    if kind == "units":
        form = UnitTokensForm(request.POST)
        if form.is_valid():
            n = services.add_unit_tokens(
                actor=request.user, campaign=campaign, units=form.cleaned_data["units"]
            )
            messages.success(request, _("%(n)s links created.") % {"n": n})
            return redirect(campaign)
    else:
        form = NamedTokensForm(request.POST)
        if form.is_valid():
            n = services.add_named_tokens(
                actor=request.user, campaign=campaign, people=form.cleaned_data["people"]
            )
            messages.success(request, _("%(n)s links created.") % {"n": n})
            return redirect(campaign)
    for error in [e for errors in form.errors.values() for e in errors]:
        messages.error(request, error)
    return redirect(campaign)


def campaign_links_export(request, pk):
    """The one-time links as CSV, for a mail merge or printing."""
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    rows = [
        (
            t.unit.name if t.unit_id else "",
            t.name,
            t.email,
            request.build_absolute_uri(t.get_absolute_url()),
            _("yes") if t.used_at else _("no"),
        )
        for t in campaign.tokens.select_related("unit")
    ]
    headers = [_("Unit"), _("Respondent"), _("E-mail"), _("Link"), _("Answered")]
    return csv_response(f"links-{campaign.pk}.csv", headers, rows)


@require_POST
def campaign_remind(request, pk):
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    from surveys.tasks import send_campaign_reminders

    base_url = request.build_absolute_uri("/")
    send_campaign_reminders.delay(campaign.pk, base_url)
    messages.success(request, _("Reminders are being sent to those who have not answered."))
    return redirect(campaign)


@require_POST
def campaign_close(request, pk):
    campaign = permissions.get_rw_campaign_for_user(request.user, pk)
    services.close_campaign(actor=request.user, campaign=campaign)
    messages.success(request, _("Campaign closed."))
    return redirect(campaign)
