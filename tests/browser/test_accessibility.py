"""Accessibility of every public page (tests/pages.py) in fr, ar and en, on a phone and a desktop.

axe-core finds what a machine can; the other tests check what it cannot see:
keyboard-only use, visible focus, touch target sizes, labels and text alternatives.

Each public page is visited once per language for the checks of this module
(``public_page_checks``): at phone size its labels and axe-core; resized to a
desktop, axe-core again; back at phone size with the filters open, its tap
targets. Each check stays its own test, reading what that visit found.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AXE_SOURCE, PHONE, SIZES, at_each_size
from tests.pages import EXPECTED_STATUS, LANGUAGES, PUBLIC_PAGES

BLOCKING_IMPACTS = {"serious", "critical"}
MIN_TARGET_PX = 44  # WCAG 2.5.5 (AAA) size, which the house rules adopt for every tap target


def _run_axe(page) -> list[dict]:
    # evaluate() is not bound by the page's CSP, so axe needs no inline script. The context's next
    # pages get axe as they load: the browser compiles it once instead of at each page.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
        page.context.add_init_script(script=AXE_SOURCE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def blocking_violations(page, where: str) -> list[str]:
    """The page's serious and critical axe-core violations, each with ``where`` and its first three targets."""
    return [
        f"{where}: {violation['id']} {violation['help']} at {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in _run_axe(page)
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("viewport", list(SIZES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_axe_violation_on_any_public_page(public_page_checks, lang, viewport, record_property):
    blocking, report = [], []
    for name, found in public_page_checks(lang).items():
        assert found["status"] == EXPECTED_STATUS.get(name, 200), name
        for violation in found["axe"][viewport]:
            line = f"{name}: {violation['impact']} {violation['id']} ({len(violation['nodes'])}x) {violation['help']}"
            report.append(line)
            if violation["impact"] in BLOCKING_IMPACTS:
                targets = [node["target"] for node in violation["nodes"][:3]]
                blocking.append(f"{line} at {targets}")
    width = SIZES[viewport]["width"]
    summary = f"axe-core {lang} {width}px: {len(PUBLIC_PAGES)} pages, {len(report)} violations (any impact)"
    record_property("report", "\n".join([summary, *report]))
    assert not blocking, "\n".join(blocking)


def test_axe_harness_reports_a_violation_when_there_is_one(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="en"><body><main><input type="text"></main></body></html>')
    assert "label" in {violation["id"] for violation in _run_axe(page)}
    context.close()


# What a person can tap: its box, or for a check box the box of its label as well.
TARGETS_SCRIPT = """
() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
                   '[tabindex]:not([tabindex="-1"])';
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
    let box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (el.matches('.skip-link')) continue;  // off screen until focused
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels.length) {
      const label = el.labels[0].getBoundingClientRect();
      const left = Math.min(box.left, label.left), right = Math.max(box.right, label.right);
      const top = Math.min(box.top, label.top), bottom = Math.max(box.bottom, label.bottom);
      box = {width: right - left, height: bottom - top};
    }
    // WCAG 2.5.8 exception: a link inside a sentence is sized by the line of text.
    const parent = el.parentElement;
    const inSentence = el.tagName === 'A' && parent && parent.matches('p, li, dd, td') &&
      parent.textContent.trim() !== el.textContent.trim() && style.display === 'inline';
    if (inSentence) continue;
    if (box.width < MIN || box.height < MIN) {
      small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 40)}" ` +
                 `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}
""".replace("MIN", str(MIN_TARGET_PX))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_tap_target_is_at_least_44_px_on_a_phone(public_page_checks, lang):
    checks = public_page_checks(lang)
    small = [f"{name}: {target}" for name, found in checks.items() for target in found["small_targets"]]
    assert not small, "\n".join(small)


FOCUSED_SCRIPT = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim().slice(0, 60),
    href: el.getAttribute('href') || '', outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    onScreen: box.bottom > 0 && box.right > 0 && box.left < innerWidth,
  };
}
"""


def _tab_to(page, predicate, *, limit: int = 60) -> dict:
    """Press Tab until the focused element matches; every stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_SCRIPT)
        assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, f"focus not visible on {focused}"
        assert focused["onScreen"], f"focused element off screen: {focused}"
        if predicate(focused):
            return focused
    raise AssertionError("never reached the element with the keyboard")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_keyboard_only_person_filters_the_list_and_opens_a_training(site, page, lang):
    page.goto(f"{site}/{lang}/")
    skip = _tab_to(page, lambda f: True)
    assert skip["href"] == "#main"  # the first stop skips the menus
    _tab_to(page, lambda f: f["href"] == f"/{lang}/programmes/")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/{lang}/programmes/")

    _tab_to(page, lambda f: f["tag"] == "summary")
    page.keyboard.press("Enter")
    _tab_to(page, lambda f: f["id"] == "id_trade")
    for _ in range(5):
        if page.locator("#id_trade").input_value() == "tailoring":
            break
        page.keyboard.press("ArrowDown")
    _tab_to(page, lambda f: f["id"] == "id_free")
    page.keyboard.press("Space")
    _tab_to(page, lambda f: f["tag"] == "button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"trade=tailoring.*free=on"))
    expect(page.locator(".programme-card")).to_have_count(1)

    _tab_to(page, lambda f: f["href"] == f"/{lang}/programmes/tailoring-sefrou/")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/{lang}/programmes/tailoring-sefrou/")


LABELS_SCRIPT = """
() => {
  const problems = [];
  for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const named = field.labels.length || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby');
    if (!named) problems.push(`field ${field.name} has no label`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    const hidden = svg.getAttribute('aria-hidden') === 'true';
    const named = svg.getAttribute('role') === 'img' && (svg.getAttribute('aria-label') || svg.querySelector('title'));
    const textBeside = svg.parentElement && svg.parentElement.textContent.trim().length > 0;
    if (!(named || (hidden && textBeside))) problems.push(`pictogram ${svg.outerHTML.slice(0, 80)} has no text`);
  }
  const pageLang = document.documentElement.lang;
  for (const link of document.querySelectorAll('.lang-switch a')) {
    if (!link.lang) problems.push(`language link ${link.textContent} has no lang`);
  }
  if (!pageLang) problems.push('page has no lang');
  return problems;
}
"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fields_are_labelled_and_pictograms_come_with_text(public_page_checks, lang):
    problems = [f"{name}: {problem}" for name, found in public_page_checks(lang).items() for problem in found["labels"]]
    assert not problems, "\n".join(problems)


def _visit_public_pages(site: str, page, lang: str) -> dict[str, dict]:
    """What each public page shows the checks of this module, visited once in ``lang``."""
    found = {}
    for name, pattern in PUBLIC_PAGES.items():
        response = page.goto(site + pattern.format(lang=lang))
        visit = {
            "status": response.status,
            "labels": page.evaluate(LABELS_SCRIPT),
            "axe": at_each_size(page, lambda page, _viewport: _run_axe(page)),
        }
        if page.locator("details.filters:not([open])").count():
            page.locator("details.filters > summary").click()
        visit["small_targets"] = page.evaluate(TARGETS_SCRIPT)
        found[name] = visit
    return found


@pytest.fixture
def public_page_checks(site, new_page, shared_visit):
    """``public_page_checks(lang)``: by public page, its status, labels, axe-core violations by size, small targets."""
    return lambda lang: shared_visit(f"public pages {lang}", lambda: _visit_public_pages(site, new_page(PHONE), lang))


def test_filter_errors_are_announced_and_the_result_count_is_a_live_region(site, page):
    page.goto(f"{site}/fr/programmes/?starts_within=999")
    expect(page.get_by_role("alert")).to_be_visible()
    page.goto(f"{site}/fr/programmes/")
    expect(page.locator("#results-title")).to_have_attribute("aria-live", "polite")
