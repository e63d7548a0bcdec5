"""What an uploaded evidence file (bukti dukung) must be to be kept — one rule for every record
that carries evidence: a realization (apps/performance/services.py) and a daily entry
(apps/daily/entries.py). PDF, PNG or JPEG, recognised by their first bytes (not by the name or
type the client sends), at most ``settings.KINERJA_EVIDENCE_MAX_BYTES``.

Callers check every file of a request before they store any, so that a refused file leaves
nothing half-written (no row, no file in storage)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from apps.core.errors import BadInput

# Accepted evidence types, recognised by their first bytes.
EVIDENCE_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


@dataclass(frozen=True)
class CheckedFile:
    upload: Any  # the uploaded file, rewound
    name: str  # the client's file name, made safe for storage and Content-Disposition
    content_type: str  # from the content, not from the client
    size: int


def evidence_checked(upload: Any, *, field: str = "evidenceFiles") -> CheckedFile:
    """The upload as evidence, or BAD_USER_INPUT naming ``field``: a type other than PDF, PNG or
    JPEG, or a file over the size limit."""
    head = upload.read(16)
    upload.seek(0)
    content_type = next((t for sig, t in EVIDENCE_SIGNATURES.items() if head.startswith(sig)), None)
    if content_type is None:
        raise BadInput(fields={field: _("only PDF, PNG or JPEG files are accepted")})
    if upload.size > settings.KINERJA_EVIDENCE_MAX_BYTES:
        raise BadInput(fields={field: _("a file may be at most %(mb)s MB")
                               % {"mb": settings.KINERJA_EVIDENCE_MAX_BYTES // (1024 * 1024)}})
    name = re.sub(r"[^\w.\- ]", "_", (upload.name or "bukti").rsplit("/", 1)[-1])[:200]
    return CheckedFile(upload=upload, name=name, content_type=content_type, size=upload.size)
