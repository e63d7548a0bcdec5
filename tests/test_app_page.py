"""The browser app's page: index.html at / and at the app's routes, with the csrftoken cookie
and a Content Security Policy; a clear message when the app has not been built."""
from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def built(tmp_path, settings):
    (tmp_path / "index.html").write_text('<!doctype html><div id="root"></div>'
                                         '<script type="module" src="/static/app/assets/index.js"></script>')
    settings.FRONTEND_DIST = tmp_path
    return tmp_path


@pytest.mark.parametrize("path", ["/", "/tugas", "/tugas/VGFzazox", "/skp/abc", "/hr/impor", "/evaluasi", "/tim",
                                  "/harian", "/harian/tinjau"])
def test_every_app_route_serves_the_app(built, path):
    response = Client().get(path)
    assert response.status_code == 200
    assert b'<div id="root">' in response.content
    assert "csrftoken" in response.cookies                    # sent back as X-CSRFToken
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unpkg" not in policy and "https:" not in policy
    assert response["Cache-Control"] == "no-cache"


def test_other_paths_are_not_the_app(built):
    assert Client().get("/tugasku").status_code == 404
    assert Client().post("/").status_code == 405


def test_an_unbuilt_app_says_how_to_build_it(tmp_path, settings):
    settings.FRONTEND_DIST = tmp_path / "belum-ada"
    response = Client(HTTP_ACCEPT_LANGUAGE="id").get("/")
    assert response.status_code == 503
    assert "make run" in response.content.decode()
