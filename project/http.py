"""Django's HTTP side under ASGI, with each request's synchronous work on one of a few fixed
threads ("lanes") and the middleware chain run synchronously in one step.

Why not Django's own ASGIHandler: every view of Kinerja is synchronous (the ORM, SpiffWorkflow,
the GraphQL resolvers). Under the stock handler each request

- gets a thread of its own (``ThreadSensitiveContext()`` makes a one-thread executor per request
  and joins it afterwards), so a burst of requests becomes as many threads fighting for the GIL
  and for the per-process database pool — at 200 recordings/s the pool's waits ran out and
  requests failed with HTTP 500 instead of queueing;
- crosses between the event loop and that thread for every middleware that is not async-native
  (Django's ``MiddlewareMixin`` runs each ``process_request``/``process_response`` through
  ``sync_to_async``, a sync-only middleware takes the chain back through ``async_to_sync``): about
  ten crossings per request, a measured few milliseconds of CPU on the busiest write.

Here the middleware chain is loaded in synchronous mode (as under WSGI) and the whole of
``get_response`` is one ``sync_to_async`` call. The calls a request makes in thread-sensitive
mode (``request_started``, the view, closing the response) all run on one lane, entered through
asgiref's ``ThreadSensitiveContext(executor=...)``, so a request keeps one thread and one
database connection from start to end, as Django expects; requests beyond the lanes wait in line
on the event loop instead of multiplying threads.

A request takes its lane when its first synchronous work is due (after its body has arrived),
the lane with the least work queued or running — not at arrival, where uploads still being read
and answers still being sent would count as work. Generated documents (``/dokumen/``: PDFs and
XLSX recaps, which can take seconds) have lanes of their own, so the API never waits behind
them. WebSockets (channels) are not served here.
"""
from __future__ import annotations

import threading
from concurrent.futures import Executor, Future, ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers import base
from django.core.handlers.asgi import ASGIHandler
from django.http import FileResponse

DOCUMENT_PATHS = ("/dokumen/",)


class _Lane:
    """One thread, and how much work is queued on it or running."""

    def __init__(self, name: str) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self.pending = 0
        self._lock = threading.Lock()

    def submit(self, fn, /, *args, **kwargs) -> Future:
        with self._lock:
            self.pending += 1
        future = self.executor.submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _future: Future) -> None:
        with self._lock:
            self.pending -= 1


class _RequestLane(Executor):
    """A request's executor: its first work goes to the least busy lane of its group, and the
    rest of the request's work follows it there (one call at a time, on one thread)."""

    def __init__(self, lanes: list[_Lane]) -> None:
        self._lanes, self._lane = lanes, None

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if self._lane is None:
            self._lane = min(self._lanes, key=lambda lane: lane.pending)
        return self._lane.submit(fn, *args, **kwargs)


class LanedASGIHandler(ASGIHandler):
    def __init__(self, lanes: int, document_lanes: int) -> None:
        base.BaseHandler.__init__(self)  # not ASGIHandler's: it would load the chain in async mode
        self.load_middleware(is_async=False)
        self._api = [_Lane(f"http-lane-{n}") for n in range(max(1, lanes))]
        self._documents = [_Lane(f"http-documents-{n}") for n in range(max(1, document_lanes))]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django serves only HTTP here, not {scope['type']}.")
        lanes = self._documents if scope["path"].startswith(DOCUMENT_PATHS) else self._api
        async with ThreadSensitiveContext(executor=_RequestLane(lanes)):
            await self.handle(scope, receive, send)

    async def run_get_response(self, request):
        response = await sync_to_async(self.get_response)(request)  # thread-sensitive: this lane
        response._handler_class = self.__class__
        if isinstance(response, FileResponse):
            response.block_size = self.chunk_size  # as ASGIHandler: the server chunks for us
        return response
