"""Form pieces the forms of audits, corrective actions and management review share."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst

User = get_user_model()


class CapitalisedLabels:
    """Labels start with a capital, as Django gives model fields' own labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        department = getattr(getattr(obj, "profile", None), "department", None)
        name = obj.get_full_name() or obj.username
        return f"{name} ({department.code})" if department else name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    label_from_instance = PersonChoiceField.label_from_instance


class ClauseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.short_label} {obj.title}"


class ClauseField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.short_label} {obj.title}"


def people():
    return User.objects.filter(is_active=True).select_related("profile__department")
