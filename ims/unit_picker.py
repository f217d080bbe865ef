"""Picking affiliated units (schools, centres) for a form: a province has 600+, so they
come as checkboxes grouped by kind (THPT, PTDTNT, GDNN-GDTX…), which work as they are
without JavaScript; ``static/js/unit-picker.js`` adds a search by name or commune, a
switch to grouping by commune or ward (since 1/7/2025 provinces have no districts),
"select the whole group" and a count of the units chosen. One widget for every form
that distributes to units (``UnitPickerField``); it works wherever the form is
rendered, a page or a dialog."""

from django import forms

from ims.models import Unit


class UnitPicker(forms.CheckboxSelectMultiple):
    template_name = "ims/widgets/unit_picker.html"

    def get_context(self, name, value, attrs):
        # The options are built here in one pass over the choices (one query, whatever
        # the number of units) instead of Django's per-option sub-templates.
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        chosen = set(widget["value"])
        base_id = widget["attrs"].get("id") or f"id_{name}"
        by_kind: dict[str, list[dict]] = {}
        for index, (choice, label) in enumerate(self.choices):
            if choice == "":
                continue
            unit = getattr(choice, "instance", None)
            by_kind.setdefault(getattr(unit, "kind", ""), []).append(
                {
                    "value": str(choice),
                    "id": f"{base_id}_{index}",
                    "name": label,
                    "code": getattr(unit, "code", ""),
                    "commune": getattr(unit, "commune", ""),
                    "checked": str(choice) in chosen,
                }
            )
        kinds = list(Unit.Kind.values)
        widget["groups"] = [
            {
                "key": kind or "other",
                "label": Unit.Kind(kind).label if kind in kinds else Unit.Kind.OTHER.label,
                "units": units,
            }
            for kind, units in sorted(
                by_kind.items(), key=lambda g: kinds.index(g[0]) if g[0] in kinds else len(kinds)
            )
        ]
        widget["chosen_count"] = sum(u["checked"] for g in widget["groups"] for u in g["units"])
        widget["base_id"] = base_id
        widget["label"] = widget["attrs"].pop("data-label", "")
        return context


class UnitPickerField(forms.ModelMultipleChoiceField):
    """The active units, by name, in a :class:`UnitPicker`."""

    widget = UnitPicker

    def __init__(self, queryset=None, **kwargs):
        if queryset is None:
            queryset = Unit.objects.filter(is_active=True)
        kwargs.setdefault("required", False)
        super().__init__(queryset.order_by("name"), **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.label:
            attrs["data-label"] = self.label
        return attrs

    def label_from_instance(self, obj):
        return obj.name
