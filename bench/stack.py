"""Start and stop the production shape on this machine: uvicorn workers, Celery worker and beat.

The same environment a deployment sets (README "Production"): DEBUG off, DATABASE_URL with
persistent connections, REDIS_URL for the shared cache, CELERY_BROKER_URL for background jobs.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def production_env(database_url: str, redis_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "project.settings", "DEBUG": "false",
        "SECRET_KEY": env.get("SECRET_KEY") or "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": env.get("DB_CONN_MAX_AGE", "60"), "LOG_LEVEL": "WARNING",
    })
    if redis_url:
        env.update({"REDIS_URL": redis_url, "CELERY_BROKER_URL": redis_url})
    else:
        for name in ("REDIS_URL", "CELERY_BROKER_URL"):
            env.pop(name, None)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    """Processes started for a run; ``stop()`` ends them all."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen] = {}
        self.url = ""

    def _start(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "w")
        process = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes[name] = process
        return process

    def start_server(self, workers: int) -> str:
        port = free_port()
        self._start("uvicorn", [str(BIN / "uvicorn"), "project.asgi:application", "--host", "127.0.0.1",
                                "--port", str(port), "--workers", str(workers), "--no-access-log",
                                "--log-level", "warning"])
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.post(f"{self.url}/graphql/", json={"query": "{ __typename }"}, timeout=2).status_code == 200:
                    # Each worker loads Django on its first request; warm them all.
                    for _ in range(workers * 4):
                        httpx.post(f"{self.url}/graphql/", json={"query": "{ __typename }"}, timeout=10)
                    return self.url
            except httpx.HTTPError:
                pass
            self._check_alive("uvicorn")
            time.sleep(0.3)
        raise RuntimeError(f"uvicorn did not answer; see {self.log_dir / 'uvicorn.log'}")

    def start_celery(self, concurrency: int, beat: bool = True) -> None:
        self._start("celery-worker", [str(BIN / "celery"), "-A", "project", "worker", "--loglevel", "WARNING",
                                      "--concurrency", str(concurrency), "--without-gossip", "--without-mingle"])
        if beat:
            self._start("celery-beat", [str(BIN / "celery"), "-A", "project", "beat", "--loglevel", "WARNING",
                                        "--schedule", str(self.log_dir / "celerybeat-schedule")])
        time.sleep(3)
        self._check_alive("celery-worker")

    def _check_alive(self, name: str) -> None:
        if self.processes[name].poll() is not None:
            raise RuntimeError(f"{name} exited; see {self.log_dir / (name + '.log')}")

    def worker_pids(self, name: str = "uvicorn") -> list[int]:
        """The serving processes: the children of uvicorn's (or Celery's) supervisor."""
        parent = self.processes[name].pid
        children = Path(f"/proc/{parent}/task/{parent}/children")
        pids = [int(p) for p in children.read_text().split()] if children.exists() else []
        return [p for p in pids if "resource_tracker" not in _cmdline(p)] or [parent]

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return ""


def rss_mb(pids: list[int]) -> list[float]:
    """Resident memory of each process in MB (VmRSS)."""
    sizes = []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return sizes


@contextmanager
def running(env: dict[str, str], log_dir: Path, *, workers: int = 0, celery: int = 0):
    log_dir.mkdir(parents=True, exist_ok=True)
    if env.get("CELERY_BROKER_URL"):
        import redis

        # Jobs queued by an earlier, interrupted run would run against this run's database.
        redis.Redis.from_url(env["CELERY_BROKER_URL"]).flushdb()
    stack = Stack(env, log_dir)
    try:
        if celery:
            stack.start_celery(celery)
        if workers:
            stack.start_server(workers)
        yield stack
    finally:
        stack.stop()
