"""Shared start-up of the benchmark commands: settings, database, Django."""
from __future__ import annotations

import os
import sys
import tempfile


def django_setup(database_url: str | None, *, default_sqlite: str | None = None) -> str:
    """Point Django at the benchmark database and set it up; returns the database URL.

    Benchmarks run with the production settings module (DEBUG off, real password hashers), not
    the test settings, so that what they measure is what a deployment runs."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    url = database_url or os.environ.get("DATABASE_URL") or \
        f"sqlite:///{default_sqlite or os.path.join(tempfile.gettempdir(), 'kinerja-bench.sqlite3')}"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request would slow the load client
    return url


def db_label() -> str:
    from django.db import connection

    return "postgresql" if connection.vendor == "postgresql" else connection.vendor
