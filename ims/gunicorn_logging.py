"""gunicorn's access log without anything that could undo a survey's anonymity.

Requests to the answer pages (``/surveys/a/<token>/`` and ``/surveys/p/<key>/``)
are not logged at all: a token with an exact time, or the order of requests,
could be matched with the stored answers.
"""

from gunicorn.glogging import Logger

UNLOGGED_PREFIXES = ("/surveys/a/", "/surveys/p/")


class AnonymousAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "").startswith(UNLOGGED_PREFIXES):
            return
        super().access(resp, req, environ, request_time)
