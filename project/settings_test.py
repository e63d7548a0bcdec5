"""Test settings: the real settings, with a fixed secret and a fast password hasher."""
import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

from .settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Static files are not collected for tests; whitenoise would only warn about it.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
# The live test server speaks plain HTTP; Secure cookies would never be sent back.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# The live servers listen on 127.0.0.1; the WebSocket origin check (project.asgi) keeps the list
# it saw when first imported, so it must hold these hosts whichever test imports it first.
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# A file, not memory, for SQLite test databases: live-server threads then use their own
# connections exactly as uvicorn workers do, instead of sharing one across threads. One file per
# test run (two runs at once on one checkout must not share it).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"kinerja-test-{os.getpid()}.sqlite3")}


MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kinerja-media-"))  # noqa: F405
