"""CPU seconds spent by processes over a span, read from /proc: the web workers' and the PostgreSQL
backends' of one database, so a benchmark can print CPU per request beside its throughput."""
from __future__ import annotations

import os
from pathlib import Path

def cpu_seconds(pids: list[int]) -> dict[int, float]:
    ticks = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return out


def backend_pids(database: str) -> list[int]:
    """Every backend of the database, this process's own included (in-process scenarios run their
    statements there; during an HTTP load it sits idle)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
        return [row[0] for row in cursor.fetchall()]


class CpuMeter:
    """CPU seconds of the web workers and of this database's PostgreSQL backends over a span."""

    def __init__(self, workers: list[int], database: str | None) -> None:
        self.workers, self.database = workers, database

    def __enter__(self):
        self.w0 = cpu_seconds(self.workers)
        self.b0 = cpu_seconds(backend_pids(self.database)) if self.database else {}
        return self

    def __exit__(self, *exc):
        w1 = cpu_seconds(self.workers)
        b1 = cpu_seconds(backend_pids(self.database)) if self.database else {}
        self.web = sum(w1[p] - self.w0.get(p, 0) for p in w1)
        self.db = sum(b1[p] - self.b0.get(p, 0) for p in b1)  # backends that ended during the span are lost
