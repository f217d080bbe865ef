"""Page helpers the views of audits, corrective actions and management review share."""

from django.shortcuts import render


def form_page(request, form, title, back_url, *, intro=""):
    """A page with one form: title, optional introduction, the form, a way back."""
    return render(
        request,
        "audits/form.html",
        {"form": form, "title": title, "back_url": back_url, "intro": intro},
    )
