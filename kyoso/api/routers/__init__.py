"""One router per capability; ``kyoso/api/urls.py`` mounts them on the API.

Router modules do not use ``from __future__ import annotations``: django-ninja reads the
annotations of the operations at import time.
"""
