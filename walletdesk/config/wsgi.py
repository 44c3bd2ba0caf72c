"""WSGI entry point (granian in `walletdesk serve --wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")
application = get_wsgi_application()

from walletdesk.core.runtime import gc_freeze_startup  # noqa: E402

gc_freeze_startup(load_urls=True)
