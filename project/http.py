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
mode (``request_started``, the view, closing the response) all run on the lane the request was
given — the least busy of ``KINERJA_HTTP_THREADS`` one-thread executors, entered through asgiref's
``ThreadSensitiveContext(executor=...)`` — so a request keeps one thread and one database
connection from start to end, as Django expects, and requests beyond the lanes wait in line on
the event loop instead of multiplying threads. WebSockets (channels) are not served here.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers import base
from django.core.handlers.asgi import ASGIHandler
from django.http import FileResponse


class LanedASGIHandler(ASGIHandler):
    def __init__(self, lanes: int) -> None:
        base.BaseHandler.__init__(self)  # not ASGIHandler's: it would load the chain in async mode
        self.load_middleware(is_async=False)
        self._lanes = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"http-lane-{n}")
                       for n in range(max(1, lanes))]
        self._in_lane = [0] * len(self._lanes)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django serves only HTTP here, not {scope['type']}.")
        lane = min(range(len(self._lanes)), key=self._in_lane.__getitem__)
        self._in_lane[lane] += 1
        try:
            async with ThreadSensitiveContext(executor=self._lanes[lane]):
                await self.handle(scope, receive, send)
        finally:
            self._in_lane[lane] -= 1

    async def run_get_response(self, request):
        response = await sync_to_async(self.get_response)(request)  # thread-sensitive: this lane
        response._handler_class = self.__class__
        if isinstance(response, FileResponse):
            response.block_size = self.chunk_size  # as ASGIHandler: the server chunks for us
        return response
