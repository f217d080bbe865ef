"""Single sign-on: OpenID Connect (mozilla-django-oidc) and an LDAP / Active Directory
directory (django-auth-ldap), each off unless configured from the environment.

Both hand a signed-in identity to :func:`ims.sso.services.person_for_identity`, which
holds the one rule for tying it to an IMS account. Local accounts, the sign-in limits
and two-step sign-in work as without single sign-on.
"""
