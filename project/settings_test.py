"""Test settings: the real settings, with a fixed secret and a fast password hasher."""
import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

from .settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Static files are not collected for tests; whitenoise would only warn about it.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
