import os

from django.core.wsgi import get_wsgi_application

from frontdoor.operations.collector import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# The loaded application is kept out of the garbage collector's full sweeps, which otherwise
# cost a request 100 ms of CPU every 30 or so (frontdoor/operations/collector.py).
settle()
