"""A signing configuration that cannot be used fails ``manage.py check`` (and so every
start), instead of issuing unsigned PDFs quietly. Opens a PKCS#12 file; never logs in
to a PKCS#11 token (a wrong PIN tried at every start would lock it)."""

from django.core.checks import Error, register

from ims.signing.backends import SigningError, configured_backend


@register()
def signing_configuration(app_configs=None, **kwargs):
    try:
        configured_backend()
    except SigningError as error:
        return [
            Error(
                f"The signing certificate cannot be used: {error}",
                hint="Check IMS_SIGNING_* (README, Signed PDFs), or unset them to issue "
                "unsigned PDFs.",
                id="ims.E020",
            )
        ]
    return []
