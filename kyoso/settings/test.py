"""Test configuration: fast hashing, tasks run at once, mail kept in memory."""

from kyoso.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ALLOWED_HOSTS = ["*"]

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kyoso-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="kyoso-test-static-"))

# A stand-in read replica: the test database itself (a mirror). Nothing reads from it unless a
# test turns routing on with settings.KYOSO_READ_REPLICA = "replica" (kyoso/core/db_router.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
KYOSO_READ_REPLICA = None
