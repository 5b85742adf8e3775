"""Helpers for the browser tests: noticing browser errors, signing in, axe, screenshots.

The fixtures in conftest.py hand these out; test modules may also import them directly.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, Request, Response

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "correct horse battery staple"  # the personas' password (root conftest.py)
VIEWPORT = {"width": 1280, "height": 800}
# WCAG 2.2, 1.4.10 Reflow: content fits 320 CSS pixels without scrolling sideways (a 1280 px
# screen at 400% zoom). assert_accessible checks every page it sees at this width too.
REFLOW_WIDTH = 320


def chromium_missing() -> bool:
    return not os.access(CHROMIUM, os.X_OK)


# --- Browser problems ------------------------------------------------------------------------


def watch(page: Page) -> list[str]:
    """Collect console errors, uncaught exceptions and failed sub-resources seen by `page`."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # A sub-resource that failed is reported, with its URL, by on_response or on_failed.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error on {page.url}: {message.text}")

    def on_response(response: Response) -> None:
        # A page's own 400 is expected (a form with errors answers 400); a 4xx for the CSS, a
        # script, an image or the favicon is not, and nor is any 5xx.
        is_page = response.request.resource_type == "document"
        if response.status >= 500 or (response.status >= 400 and not is_page):
            problems.append(f"{response.status} for {response.url}")

    def on_failed(request: Request) -> None:
        # ERR_ABORTED is the browser itself cancelling a request because the page moved on
        # (a click navigated before the favicon arrived): not a failure of the service.
        if request.failure and "ERR_ABORTED" in request.failure:
            return
        problems.append(f"request failed: {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"uncaught error on {page.url}: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    return problems


# --- Signing in and out ----------------------------------------------------------------------


def sign_in(page: Page, user: Any) -> None:
    """Sign in through the real pages: the password, then the code from the authenticator app.
    Each page on the way is checked with axe. Lands on the user's home page."""
    app = _authenticator_app(user)
    page.goto("/sign-in/")
    assert_accessible(page)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if app is not None and "/sign-in/code/" in page.url:
        from frontdoor.access.second_factor import code_now

        assert_accessible(page)
        page.get_by_label("Code", exact=True).fill(code_now(app))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    assert "/sign-in/" not in page.url, f"{user.username} could not sign in: {page.url}"


def _authenticator_app(user: Any) -> Any:
    """The persona's authenticator app (a TOTP device), set up with a random key the first
    time: a persona is set up through the ORM, like the other personas' details. None before
    the second factor existed."""
    try:
        from frontdoor.access import second_factor
    except ImportError:
        return None
    return second_factor.confirmed_app(user) or second_factor.set_up_app_with_key(
        user, secrets.token_hex(20)
    )


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    assert_accessible(page)


# --- Accessibility ---------------------------------------------------------------------------

_axe_source: list[str] = []
NO_JS_TIMERS = """() => {
    window.setTimeout = (callback, delay, ...args) => {
        Promise.resolve().then(() => callback(...args));
        return 0;
    };
    window.clearTimeout = () => {};
}"""
checked_urls: list[str] = []


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now. Injected with `evaluate`, not `add_script_tag`:
    the Content Security Policy blocks inline scripts, as it should.

    `resultTypes: ['violations']` is axe's documented speed-up: every rule still runs and every
    violation is reported in full, but axe no longer gathers the nodes that passed. It cuts
    axe's time by about a third, and axe was about half of the browser tests' time."""
    if not _axe_source:
        _axe_source.append(AXE.read_text(encoding="utf-8"))
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if not getattr(page, "javascript_enabled", True):
            # With JavaScript off, Chromium runs no timers, and axe waits on setTimeout between
            # its checks: run those callbacks as microtasks instead, which still run. The page's
            # own scripts stay off, so the page axe sees is the one a no-JS user gets.
            page.evaluate(NO_JS_TIMERS)
        page.evaluate(_axe_source[0])
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')),
        }))"""
    )


def _govuk_conditional_reveal(page: Page, violation: dict) -> bool:
    """GOV.UK Frontend's radios with a conditional reveal set aria-expanded on the radio that
    controls the revealed question (its own pattern, kept by GOV.UK after research with screen
    reader users); axe's aria-allowed-attr rejects aria-expanded on a radio. Only that: the
    rule, on radios that control a GOV.UK conditional, and nothing else is let through."""
    if violation["id"] != "aria-allowed-attr":
        return False
    return all(
        page.evaluate(
            """(selector) => {
                const e = document.querySelector(selector);
                if (!e || e.type !== 'radio' || !e.hasAttribute('aria-expanded')) return false;
                const revealed = document.getElementById(e.getAttribute('aria-controls') || '');
                const others = [...e.attributes].filter(a => a.name.startsWith('aria-')
                    && !['aria-expanded', 'aria-controls', 'aria-describedby'].includes(a.name));
                return !!revealed && revealed.classList.contains('govuk-radios__conditional')
                    && others.length === 0;
            }""",
            target,
        )
        for target in violation["targets"]
    )


def assert_accessible(page: Page) -> None:
    """Fail listing every axe violation on the page: rule, impact and each element affected;
    then fail if the page does not reflow at 320 px (assert_reflows)."""
    violations = [v for v in axe_violations(page) if not _govuk_conditional_reveal(page, v)]
    checked_urls.append(page.url)
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {target}" for target in v["targets"])
        pytest.fail("\n".join(lines), pytrace=False)
    assert_reflows(page)


def reflow_overflow(page: Page) -> tuple[int, list[str]]:
    """The page's width at 320 px, and the elements that stick out past 320 px (the deepest
    ones: the culprits, not every ancestor). The viewport goes back to what it was after."""
    size = page.viewport_size or VIEWPORT
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
    try:
        return page.evaluate(
            """(limit) => {
                const width = document.documentElement.scrollWidth;
                if (width <= limit) return [width, []];
                const wide = [...document.querySelectorAll('body *')].filter(
                    e => e.getBoundingClientRect().right > limit + 0.5
                        && getComputedStyle(e).position !== 'absolute'
                        && e.getClientRects().length);
                const culprits = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
                return [width, culprits.slice(0, 8).map(e => {
                    const classes = [...e.classList].join('.');
                    const text = (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
                    return `${e.tagName.toLowerCase()}${classes ? '.' + classes : ''}`
                        + ` (right edge ${Math.round(e.getBoundingClientRect().right)} px)`
                        + (text ? `: "${text}"` : '');
                })];
            }""",
            REFLOW_WIDTH,
        )
    finally:
        page.set_viewport_size(size)


def assert_reflows(page: Page) -> None:
    """Fail if the page scrolls sideways at 320 px (WCAG 2.2, 1.4.10), naming what sticks out."""
    width, culprits = reflow_overflow(page)
    if width > REFLOW_WIDTH:
        lines = [f"{page.url} is {width} px wide at {REFLOW_WIDTH} px (it must reflow):"]
        lines.extend(f"- {c}" for c in culprits)
        pytest.fail("\n".join(lines), pytrace=False)


# --- Screenshots -----------------------------------------------------------------------------


def screenshots_wanted() -> bool:
    return os.environ.get("FRONTDOOR_SCREENSHOTS", "") == "1"


def screenshot(
    page: Page, name: str, *, down_to: Locator | None = None, width: int | None = None
) -> None:
    """Write docs/screenshots/<name>.png of the whole page, 1280 px wide (or `width`: 320 shows
    the page as it reflows), only when FRONTDOOR_SCREENSHOTS=1, so that ordinary runs leave the
    committed pictures alone.

    `down_to` stops the picture just below that element, to keep a long page's picture small."""
    if not screenshots_wanted():
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or VIEWPORT
    if width is not None:
        page.set_viewport_size({"width": width, "height": size["height"]})
    try:
        clip = None
        if down_to is not None:
            box = down_to.bounding_box()
            assert box is not None, f"{down_to} is not on the page"
            wide = page.viewport_size["width"] if page.viewport_size else VIEWPORT["width"]
            clip = {"x": 0, "y": 0, "width": wide, "height": box["y"] + box["height"] + 30}
        page.screenshot(
            path=SCREENSHOTS / f"{name}.png",
            full_page=True,
            clip=clip,
            animations="disabled",
            caret="hide",
        )
    finally:
        page.set_viewport_size(size)
