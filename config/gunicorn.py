"""gunicorn's settings for `make serve` and deploy/frontdoor-web.service.

Workers: (2 x cores) + 1, gunicorn's own rule of thumb, so 5 on the project's 2-core machines.
A page spends part of its time waiting on PostgreSQL, so a little more than one worker per core
keeps both cores busy; many more only queue for the same cores and multiply the memory (about
120 MB a worker). Sync workers: the code is plain blocking Django, and one slow request ties up
one worker, not a shared event loop. Set WEB_CONCURRENCY to change the count.

The timeout stays at 30 seconds: nothing slow runs inside a request any more (a police batch is
imported by the task worker), so a request still running after 30 s is stuck and is better
killed and retried by the client than left holding a worker.
"""

import multiprocessing
import os

bind = os.environ.get("FRONTDOOR_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
# A worker is replaced after this many requests (plus jitter, so they do not all go at once):
# a slow leak in a library cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# The request lines come from the service itself (JSON, frontdoor/operations/request_log.py);
# gunicorn's own access log would repeat them with the query string.
accesslog = None
errorlog = "-"
loglevel = "warning"
# Behind a reverse proxy on the same host (docs/operations.md): trust its X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
