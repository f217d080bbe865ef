"""Set up and serve the test OpenID Connect provider until killed.

    python -m tests.oidc_idp.serve PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI[,…] USERS_JSON

USERS_JSON is a list of {"username", "password", "email", "first_name", "last_name"}.
Prints ``ready`` on stdout once it answers.
"""

import json
import os
import sys
import tempfile
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    port, client_id, client_secret, redirect_uris, users = sys.argv[1:6]
    folder = tempfile.mkdtemp(prefix="ims-test-idp-")
    os.environ["IDP_DATABASE"] = os.path.join(folder, "idp.sqlite3")
    os.environ["IDP_SITE_URL"] = f"http://127.0.0.1:{port}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_idp.settings"

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0, interactive=False)
    call_command("creatersakey", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client.objects.create(
        name="IMS",
        client_type="confidential",
        client_id=client_id,
        client_secret=client_secret,
        jwt_alg="RS256",
        require_consent=False,
        _redirect_uris="\n".join(redirect_uris.split(",")),
        _scope="openid email profile",
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    for person in json.loads(users):
        password = person.pop("password")
        User.objects.create_user(password=password, **person)

    server = make_server(
        "127.0.0.1",
        int(port),
        get_wsgi_application(),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
