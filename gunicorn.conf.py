"""gunicorn settings for production (read by gunicorn from the working directory).

The access log leaves out the client's address: answers to an anonymous survey
link must not be traceable to a network through the server's logs.
"""

import os

bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_WORKERS", "3"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
