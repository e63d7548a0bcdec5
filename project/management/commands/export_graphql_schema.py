"""Write the GraphQL SDL to schema.graphql (a test fails when the committed file is stale)."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

SCHEMA_FILE = Path(settings.BASE_DIR) / "schema.graphql"


def current_sdl() -> str:
    from schema import schema

    return schema.as_str() + "\n"


class Command(BaseCommand):
    help = "Export the GraphQL schema (SDL) to schema.graphql."

    def handle(self, *args, **options):
        SCHEMA_FILE.write_text(current_sdl(), encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE}")
