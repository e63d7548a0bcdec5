"""The process-administration pages in a real browser: Debian's headless Chromium driven by
Playwright (its own browser download is never used). An administrator opens the demo process in
the modeler, adds a user task in a lane, checks it (an injected error is drawn on that task),
saves a draft, publishes it; an instance started through GraphQL is then drawn in the viewer
with its path and the new task highlighted — for the administrator and for HR of the unit.

A screenshot of every step goes to test-artifacts/browser/ (gitignored; CI keeps it).
Without /usr/bin/chromium these tests are skipped with the reason shown — except under CI
(``CI`` set), where a missing browser fails the run: `.ci/run` installs the `chromium` package.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from apps.workflow.models import DefinitionStatus, ProcessDefinition, ProcessInstance

from ..conftest import PASSWORD, gid, headless_chromium
from .helpers import DRAFT, complete, my_tasks, start

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "browser"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def chromium():
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    with headless_chromium() as browser:
        yield browser


@pytest.fixture
def open_page(chromium, live_server):
    """open_page(username) -> a signed-in page in its own browser context (Indonesian)."""
    contexts, errors = [], []

    def make(username: str):
        context = chromium.new_context(viewport={"width": 1500, "height": 900}, locale="id-ID",
                                       base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: dialog.accept())  # "Terbitkan versi ini?"
        page.goto("/proses/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form.k-login button[type=submit]")
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, errors  # no script error on any page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def select_on_diagram(page, element_id: str) -> None:
    """Click the middle of an element's drawn shape, like a person, and wait until the side
    panel shows that element."""
    box = page.locator(f"g.djs-shape[data-element-id={element_id}] .djs-visual > :first-child").bounding_box()
    shown = f"document.querySelector('#k-properties code')?.textContent === '{element_id}'"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    try:
        page.wait_for_function(shown, timeout=1_000)
    except PlaywrightTimeout:
        # The first canvas click after creating an element is taken by diagram-js's drag
        # "click trap" (diagram-js behaviour, seen with a mouse too): click again.
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function(shown)


def ready(page) -> None:
    page.wait_for_selector("body[data-ready=true]")


def test_administrator_models_checks_saves_publishes_and_sees_an_instance(published, open_page, client_for):
    admin_name, subject = published.process_admin.user.username, published.staff
    rater_name = subject.rater.name
    page = open_page(admin_name)
    shot(page, "01-definitions")
    assert page.locator("section[data-key=approval_demo] tbody tr", has_text="Terbit").count() == 1

    # Open the demo process (published v1) in the modeler.
    with page.expect_navigation():
        page.click("section[data-key=approval_demo] a:has-text('Buka')")
    ready(page)
    assert page.locator("g.djs-shape[data-element-id=draft]").is_visible()
    assert page.locator("#k-lanes input[data-lane='Pejabat Penilai']").get_attribute("placeholder") == "standar: RATER"
    shot(page, "02-modeler-opened")

    # Add a task from the palette, dropped onto the flow from "Susun" to "Periksa" (bpmn-js
    # splits the flow), make it a user task, name it, and move it into the rater's lane.
    flow = page.locator("g.djs-connection[data-element-id=f_draft_review]").bounding_box()
    x, y = flow["x"] + flow["width"] / 2, flow["y"] + flow["height"] / 2
    page.click(".djs-palette .entry[data-action='create.task']")
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=8)
    page.mouse.click(x, y)
    new_id = page.text_content("#k-properties code")
    assert new_id.startswith("Activity_")
    # diagram-js swallows the first real click after a create operation (its drag "click trap");
    # a click event on the context-pad entry opens the menu all the same.
    page.locator(".djs-context-pad .entry[data-action='replace']").dispatch_event("click")
    page.click(".djs-popup [data-id='replace-with-user-task']")
    assert page.text_content("#k-properties .k-hint").startswith("UserTask")
    page.fill("#k-properties textarea[name=name]", "Verifikasi oleh penilai")
    page.keyboard.press("Tab")
    page.select_option("#k-properties select[name=lane]", label="Pejabat Penilai")
    page.select_option("#k-properties select[name=form]", "draft.schema.json")
    shot(page, "03-user-task-added")

    # The deadline timer on "Susun": 14 days become 7.
    select_on_diagram(page, "deadline")
    assert page.input_value("#k-properties input[name=timer]") == '"P14D"'
    page.fill("#k-properties input[name=timer]", '"P7D"')
    page.keyboard.press("Tab")

    # Who may start the process (on the pool): only the employee.
    pool = page.locator("g.djs-shape[data-element-id=Participant_approval_demo]").bounding_box()
    page.mouse.click(pool["x"] + 12, pool["y"] + pool["height"] / 2)   # the pool's name band
    page.fill("#k-properties input[name=startableBy]", "EMPLOYEE")
    page.keyboard.press("Tab")
    select_on_diagram(page, new_id)

    # Check with an injected error: a handler that does not exist. The error is drawn on the task.
    page.fill("#k-properties input[name=handler]", "tidak.terdaftar")
    page.keyboard.press("Tab")
    page.click("#k-check")
    problem = page.locator(f".k-problem[data-element-id={new_id}]")
    problem.wait_for()
    assert "tidak.terdaftar" in problem.text_content()
    assert page.locator(f"g.djs-shape[data-element-id={new_id}].k-invalid").count() == 1
    assert page.locator(".k-problem").count() == 1          # only there
    assert page.get_attribute("#k-status", "class") == "k-error"
    shot(page, "04-check-shows-the-error-on-the-task")

    # Saving it anyway is refused by the upload, and the refusal is drawn the same way.
    page.click("#k-save")
    page.wait_for_function("document.getElementById('k-status').className === 'k-error'"
                           " && document.getElementById('k-status').textContent.includes('ditolak')")
    assert page.locator(f".k-problem[data-element-id={new_id}]").count() == 1
    assert "/proses/definisi/" in page.url and ProcessDefinition.objects.filter(key="approval_demo").count() == 1

    # A form that is not valid JSON is shown and blocks saving, until it is put right.
    page.select_option("#k-form-select", "draft.schema.json")
    good = page.input_value("#k-form-text")
    page.fill("#k-form-text", good + ",")
    assert "bukan JSON yang valid" in page.text_content("#k-form-error")
    page.click("#k-save")
    assert "bukan JSON yang valid" in page.text_content("#k-status")
    page.fill("#k-form-text", good)
    assert page.text_content("#k-form-error") == ""

    # Fix it and check again: no problems left.
    page.fill("#k-properties input[name=handler]", "")
    page.keyboard.press("Tab")
    page.click("#k-check")
    page.wait_for_function("document.getElementById('k-status').className === 'k-ok'")
    assert page.locator(".k-problem").count() == 0
    assert "Tidak ada masalah" in page.text_content("#k-status")

    # Save as a draft (through GraphQL): a new version opens.
    with page.expect_navigation():
        page.click("#k-save")
    ready(page)
    draft = ProcessDefinition.objects.get(key="approval_demo", version=2)
    assert draft.status == DefinitionStatus.DRAFT and page.url.endswith(f"/proses/definisi/{draft.pk}/")
    task = draft.user_task(new_id)
    assert task["name"] == "Verifikasi oleh penilai" and task["lane"] == "Pejabat Penilai"
    assert task["form"] == "draft.schema.json" and not task["handler"]
    assert '"P7D"' in draft.bpmn_xml and '"P14D"' not in draft.bpmn_xml
    assert draft.starters == ["EMPLOYEE"]
    assert "Draf" in page.text_content("#k-title")
    shot(page, "05-draft-saved")

    # Publishing with unsaved changes is refused; reloading drops them.
    select_on_diagram(page, new_id)
    page.fill("#k-properties textarea[name=name]", "Nama yang tidak disimpan")
    page.keyboard.press("Tab")
    page.click("#k-publish")
    assert "Simpan perubahan sebagai draf" in page.text_content("#k-status")
    assert ProcessDefinition.objects.get(pk=draft.pk).status == DefinitionStatus.DRAFT
    page.reload()   # the "leave with unsaved changes?" prompt is accepted
    ready(page)

    # Publish it.
    with page.expect_navigation():
        page.click("#k-publish")
    ready(page)
    assert "Terbit" in page.text_content("#k-title")
    assert ProcessDefinition.objects.get(pk=draft.pk).status == DefinitionStatus.PUBLISHED
    shot(page, "06-published")

    # An instance started through GraphQL runs on the new version and reaches the new task.
    employee = client_for(subject.user.username)
    started = start(employee, subject)
    complete(employee, my_tasks(employee, bpmnId="draft")[0]["id"], DRAFT)
    instance_pk = ProcessInstance.objects.get(subject=subject, key="approval_demo").pk
    assert started["status"] == "RUNNING"

    page.goto(f"/proses/instans/{instance_pk}/")
    ready(page)
    assert page.locator(f"g.djs-shape[data-element-id={new_id}].k-active").count() == 1
    for done in ("start", "draft"):
        assert page.locator(f"g.djs-shape[data-element-id={done}].k-done").count() == 1, done
    assert page.locator("g.djs-connection.k-done").count() >= 2   # start→draft→new task
    assert page.locator("g.djs-shape[data-element-id=review].k-active").count() == 0
    open_task = page.locator(f"#k-active li[data-bpmn-id={new_id}]")
    assert "Verifikasi oleh penilai" in open_task.text_content() and rater_name in open_task.text_content()
    kinds = page.locator("#k-history li").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert kinds[:2] == ["STARTED", "COMPLETED"]
    assert DRAFT["summary"] not in page.content()            # the path, not the form data
    shot(page, "07-instance-viewer")

    # HR of the unit reaches the same viewer.
    hr = open_page(published.hr_all.user.username)
    hr.goto(f"/proses/instans/{instance_pk}/")
    ready(hr)
    assert hr.locator(f"g.djs-shape[data-element-id={new_id}].k-active").count() == 1
    shot(hr, "08-instance-viewer-hr")


def test_retired_version_opens_read_only(published, open_page, client_for):
    admin = client_for(published.process_admin.user.username)
    current = ProcessDefinition.objects.get(key="approval_demo", status=DefinitionStatus.PUBLISHED)
    admin.data("mutation($id: ID!) { retireProcessDefinition(id: $id) { status } }",
               {"id": gid("ProcessDefinition", current.pk)})
    page = open_page(published.process_admin.user.username)
    page.goto(f"/proses/definisi/{current.pk}/")
    ready(page)
    assert page.locator(".djs-palette").count() == 0            # the viewer, not the modeler
    assert page.locator("#k-save, #k-check, #k-publish").count() == 0
    page.click("g.djs-shape[data-element-id=draft]")
    assert page.locator("#k-properties textarea[name=name]").get_attribute("readonly") is not None
    assert page.locator("#k-form-text").get_attribute("readonly") is not None
    shot(page, "09-retired-read-only")
