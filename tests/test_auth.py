"""Login, bearer tokens, sessions with CSRF, logout, and login rate limits — over HTTP."""
from __future__ import annotations

import datetime as dt

import httpx
import pytest
from django.utils import timezone

from apps.accounts.models import ApiToken

from .conftest import LOGIN, PASSWORD, GraphQLClient

ME = "{ me { user { username } employee { name } } }"


def test_login_returns_token_and_user_and_token_authenticates(demo, gql):
    result = gql.data(LOGIN, {"u": demo.staff.user.username, "p": PASSWORD})["login"]
    assert result["user"]["username"] == demo.staff.user.username
    assert result["token"].startswith("knj_")
    gql.token = result["token"]
    assert gql.data(ME)["me"]["employee"]["name"] == demo.staff.name


def test_token_is_stored_only_as_digest(demo, client_for):
    c = client_for(demo.staff.user.username)
    stored = ApiToken.objects.get(user=demo.staff.user)
    assert c.token not in (stored.digest, stored.prefix)
    assert len(stored.digest) == 64 and c.token.startswith(stored.prefix)


def test_wrong_password_is_bad_user_input_in_indonesian(demo, gql):
    error = gql.error(LOGIN, {"u": demo.staff.user.username, "p": "salah"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "Nama pengguna atau kata sandi salah."
    gql.language = "en"
    assert gql.error(LOGIN, {"u": demo.staff.user.username, "p": "salah"})["message"] == "Wrong username or password."


def test_anonymous_me_is_unauthenticated(demo, gql):
    error = gql.error(ME)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["message"] == "Anda harus masuk terlebih dahulu."


@pytest.mark.parametrize("token", ["knj_not-a-real-token", "garbage"])
def test_unknown_token_is_anonymous(demo, gql, token):
    gql.token = token
    assert gql.error(ME)["extensions"]["code"] == "UNAUTHENTICATED"


def test_expired_token_is_refused(demo, client_for):
    c = client_for(demo.staff.user.username)
    ApiToken.objects.filter(user=demo.staff.user).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert c.error(ME)["extensions"]["code"] == "UNAUTHENTICATED"


def test_logout_revokes_the_token(demo, client_for):
    c = client_for(demo.staff.user.username)
    assert c.data("mutation { logout }")["logout"] is True
    assert ApiToken.objects.get(user=demo.staff.user).revoked_at is not None
    assert c.error(ME)["extensions"]["code"] == "UNAUTHENTICATED"


def test_revoking_one_token_leaves_other_sessions(demo, client_for):
    phone = client_for(demo.staff.user.username)
    laptop = client_for(demo.staff.user.username)
    phone.data("mutation { logout }")
    assert laptop.data(ME)["me"]["user"]["username"] == demo.staff.user.username


def test_session_login_needs_csrf_header_afterwards(demo, live_server):
    browser = GraphQLClient(live_server.url, browser=True)
    browser.http.get("/graphql/", params={"query": "{ __typename }"})  # any GET hands out csrftoken
    csrf = browser.http.cookies["csrftoken"]
    login = browser.post(LOGIN, {"u": demo.staff.user.username, "p": PASSWORD}, headers={"X-CSRFToken": csrf})
    assert login.status_code == 200 and "errors" not in login.json()
    assert "sessionid" in browser.http.cookies
    csrf = browser.http.cookies["csrftoken"]  # rotated at login
    without = browser.post(ME)
    assert without.status_code == 403
    with_header = browser.post(ME, headers={"X-CSRFToken": csrf, "Referer": live_server.url + "/"})
    assert with_header.json()["data"]["me"]["employee"]["name"] == demo.staff.name
    browser.post("mutation { logout }", headers={"X-CSRFToken": csrf})
    assert browser.post(ME, headers={"X-CSRFToken": browser.http.cookies.get("csrftoken", csrf)}).json()[
        "errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_inactive_user_cannot_log_in_nor_use_token(demo, client_for, gql):
    user = demo.staff.user
    c = client_for(user.username)
    user.is_active = False
    user.save()
    assert c.error(ME)["extensions"]["code"] == "UNAUTHENTICATED"
    assert gql.error(LOGIN, {"u": user.username, "p": PASSWORD})["extensions"]["code"] == "BAD_USER_INPUT"


def test_per_username_limit_blocks_guessing_even_with_the_right_password(demo, gql, settings, ratelimit_clock):
    settings.KINERJA_LOGIN_RATE_USERNAME = "10/15m"
    username = demo.staff.user.username
    for _ in range(10):
        assert gql.error(LOGIN, {"u": username, "p": "tebakan"})["extensions"]["code"] == "BAD_USER_INPUT"
    blocked = gql.error(LOGIN, {"u": username, "p": PASSWORD})
    assert blocked["extensions"]["code"] == "FORBIDDEN"
    assert "Terlalu banyak" in blocked["message"]
    # Another user from the same address is not affected.
    assert "errors" not in gql(LOGIN, {"u": demo.kasi.user.username, "p": PASSWORD})


def test_a_whole_office_behind_one_address_logs_in_within_a_minute(demo, gql):
    from apps.organization.models import Employee

    usernames = list(Employee.objects.filter(user__isnull=False).values_list("user__username", flat=True))
    assert len(usernames) >= 50
    for username in usernames:  # every one from 127.0.0.1, some mistyping once
        if hash(username) % 3 == 0:
            gql.error(LOGIN, {"u": username, "p": "typo"})
        assert "errors" not in gql(LOGIN, {"u": username, "p": PASSWORD}), username


def test_per_address_limit_stops_spraying_many_usernames(demo, gql, settings, ratelimit_clock):
    settings.KINERJA_LOGIN_RATE_ADDRESS = "20/m"
    for i in range(20):
        gql.error(LOGIN, {"u": f"nobody{i}", "p": "x"})
    assert gql.error(LOGIN, {"u": demo.staff.user.username, "p": PASSWORD})["extensions"]["code"] == "FORBIDDEN"


# --- the admin's sign-in counts against the same limits (issue 11, F8) ---------------------

def test_admin_login_is_rate_limited_like_the_api(demo, live_server, settings, gql, ratelimit_clock):
    settings.KINERJA_LOGIN_RATE_USERNAME = "10/15m"
    username = demo.hr_all.user.username  # staff: may use the admin
    with httpx.Client(base_url=live_server.url) as browser:
        def attempt(password):
            browser.get("/admin/login/")
            return browser.post("/admin/login/", data={"username": username, "password": password, "next": "/admin/",
                                                       "csrfmiddlewaretoken": browser.cookies["csrftoken"]})

        for _ in range(12):
            assert attempt("tebakan").status_code == 200
        blocked = attempt(PASSWORD)
        assert blocked.status_code == 200 and "Terlalu banyak percobaan masuk" in blocked.text
        assert "sessionid" not in browser.cookies
    # One counter for every sign-in form: the API refuses this username now as well.
    assert gql.error(LOGIN, {"u": username, "p": PASSWORD})["extensions"]["code"] == "FORBIDDEN"


def test_admin_login_still_works(demo, live_server):
    with httpx.Client(base_url=live_server.url) as browser:
        browser.get("/admin/login/")
        response = browser.post("/admin/login/", data={
            "username": demo.hr_all.user.username, "password": PASSWORD, "next": "/admin/",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"]})
        assert response.status_code == 302 and "sessionid" in browser.cookies


# --- logout ends the whole login: its token and its session (issue 11, F9) -----------------

CSRF = "k" * 32  # any well-formed secret: the cookie and the header only have to agree


def with_session(live_server, sessionid: str, path: str = "/graphql/", **kwargs) -> httpx.Response:
    headers = {"Cookie": f"sessionid={sessionid}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
    return httpx.post(live_server.url + path, headers=headers, **kwargs)


def me_by_session(live_server, sessionid: str) -> dict:
    return with_session(live_server, sessionid, json={"query": ME}).json()


def test_logout_with_the_token_ends_the_session_of_the_same_login(demo, client_for, live_server):
    app = client_for(demo.staff.user.username)  # the GraphQL login starts a session too
    sessionid = app.http.cookies["sessionid"]
    assert me_by_session(live_server, sessionid)["data"]["me"]["user"]["username"] == demo.staff.user.username
    app.data("mutation { logout }")
    assert me_by_session(live_server, sessionid)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_logout_with_the_session_revokes_the_token_of_the_same_login(demo, client_for, live_server):
    app = client_for(demo.staff.user.username)
    sessionid = app.http.cookies["sessionid"]
    assert with_session(live_server, sessionid, json={"query": "mutation { logout }"}).json()["data"]["logout"] is True
    assert app.error(ME)["extensions"]["code"] == "UNAUTHENTICATED"
    assert me_by_session(live_server, sessionid)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_page_sign_out_ends_the_token_and_the_session(demo, client_for, live_server):
    app = client_for(demo.staff.user.username)
    sessionid = app.http.cookies["sessionid"]
    out = with_session(live_server, sessionid, path="/keluar/", data={"csrfmiddlewaretoken": CSRF})
    assert out.status_code == 302
    assert me_by_session(live_server, sessionid)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert app.error(ME)["extensions"]["code"] == "UNAUTHENTICATED"
