"""Upload and publish the BPMN processes shipped in workflows/ (idempotent).

A file whose published version has the same checksum is skipped; a changed file becomes a new
version, so `make run` after a `git pull` publishes what the product ships.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core.errors import BadInput
from apps.workflow import services
from apps.workflow.models import DefinitionStatus, ProcessDefinition

WORKFLOWS = Path(settings.BASE_DIR) / "workflows"
FORM_REF = re.compile(r'name="form(?:Json|Ui)SchemaFilename"\s+value="([^"]+)"')


def bundled_forms(xml: str) -> dict:
    return {name: json.loads((WORKFLOWS / "forms" / name).read_text(encoding="utf-8"))
            for name in sorted(set(FORM_REF.findall(xml)))}


class Command(BaseCommand):
    help = "Publish the BPMN processes in workflows/ that are new or changed."

    def handle(self, *args, **options):
        for path in sorted(WORKFLOWS.glob("*.bpmn")):
            xml = path.read_text(encoding="utf-8")
            checksum = hashlib.sha256(xml.encode()).hexdigest()
            if ProcessDefinition.objects.filter(checksum=checksum, status=DefinitionStatus.PUBLISHED).exists():
                self.stdout.write(f"{path.name}: up to date")
                continue
            try:
                definition = services.definition_upload(actor=None, bpmn_xml=xml, forms=bundled_forms(xml))
            except BadInput as exc:
                problems = "; ".join(e["message"] for e in exc.extensions.get("errors", []))
                raise CommandError(f"{path.name}: {exc.message}: {problems}") from exc
            services.definition_publish(actor=None, definition=definition)
            self.stdout.write(self.style.SUCCESS(f"{path.name}: published {definition.key} v{definition.version}"))
