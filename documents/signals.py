"""Plumbing only: keep the guardian object permissions in step with the
organisation. The rules live in ``documents.permissions``."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver

from documents import permissions
from documents.models import ApprovalRule, Document
from ims.models import Department, Profile

User = get_user_model()
_UNKNOWN = object()


@receiver(post_save, sender=Document, dispatch_uid="documents_grant_document")
def _document_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if created or update_fields is None or "department" in update_fields:
        permissions.grant_document_rights(instance)


@receiver(post_init, sender=Profile, dispatch_uid="documents_profile_loaded")
def _profile_loaded(sender, instance, **kwargs):
    # The department as loaded (absent when deferred: then a save counts as a change).
    instance._documents_department_id = instance.__dict__.get("department_id", _UNKNOWN)


@receiver(post_save, sender=Profile, dispatch_uid="documents_grant_profile")
def _profile_saved(sender, instance, created, raw=False, **kwargs):
    # Rights follow the department (roles are groups: ``_roles_changed``); a save
    # that changes a phone number or a position leaves the rows as they are.
    if raw:
        return
    loaded = getattr(instance, "_documents_department_id", _UNKNOWN)
    if created or loaded != instance.department_id:
        permissions.grant_user_rights(instance.user)
    instance._documents_department_id = instance.department_id


@receiver(post_save, sender=Department, dispatch_uid="documents_grant_department")
def _department_saved(sender, instance, created, raw=False, **kwargs):
    # A new head (or none) changes who reviews the department's documents.
    if not raw and not created:
        for document in instance.documents.all():
            permissions.grant_document_rights(document)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="documents_grant_roles")
def _roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, User):
        users = [instance]
    else:
        users = User.objects.filter(pk__in=pk_set or [])
    for user in users:
        if hasattr(user, "_ims_roles"):
            del user._ims_roles
        permissions.grant_user_rights(user)


@receiver(post_save, sender=ApprovalRule, dispatch_uid="documents_grant_rule_saved")
@receiver(post_delete, sender=ApprovalRule, dispatch_uid="documents_grant_rule_deleted")
def _approval_rule_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        permissions.grant_kind_rights(instance.kind)
