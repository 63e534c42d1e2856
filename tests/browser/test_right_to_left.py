"""Arabic pages read right to left without mirroring what must not be mirrored.

Checked on the computed layout at phone width (screenshots land in
var/screenshots/ for a person to look at): the logo and the back arrows sit on
the inline-start side (the right in Arabic) and the arrows point back; phone
numbers, e-mail addresses and hours keep their left-to-right order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import PHONE

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

BOX_SCRIPT = "(el) => { const b = el.getBoundingClientRect(); return {left: b.left, right: b.right}; }"

# x of the first and of the last character of an element's text, as laid out.
CHARACTERS_SCRIPT = """
(el) => {
  const text = el.firstChild;
  const range = document.createRange();
  const at = (i) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().left; };
  return {first: at(0), last: at(text.length - 1), text: text.textContent};
}
"""


def _box(locator) -> dict:
    return locator.evaluate(BOX_SCRIPT)


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_logo_and_back_arrow_sit_on_the_inline_start_side_and_point_back(site, new_page, lang):
    page = new_page(PHONE)
    page.goto(f"{site}/{lang}/programmes/jewellery-qualification/")
    _screenshot(page, f"programme-{lang}-phone")
    rtl = lang == "ar"
    width = PHONE["width"]

    brand = _box(page.locator(".brand"))
    logo, name = _box(page.locator(".brand svg")), _box(page.locator(".brand span"))
    if rtl:
        assert brand["right"] > width - 40 and logo["left"] >= name["right"] - 1
    else:
        assert brand["left"] < 40 and logo["right"] <= name["left"] + 1

    back = page.locator(".breadcrumbs a")
    link, arrow = _box(back), _box(back.locator("svg"))
    if rtl:
        assert arrow["right"] >= link["right"] - 1 and link["right"] > width - 40
    else:
        assert arrow["left"] <= link["left"] + 1 and link["left"] < 40
    # The arrow is drawn pointing right: mirrored in left-to-right pages only, so
    # that it always points towards the start of the line, where "back" is.
    transform = back.locator("svg").evaluate("(el) => getComputedStyle(el).transform")
    assert transform == ("none" if rtl else "matrix(-1, 0, 0, 1, 0, 0)")

    term, definition = _box(page.locator(".key-facts dt").first), _box(page.locator(".key-facts dd").first)
    assert (term["left"] > definition["left"]) is rtl


def test_phone_numbers_email_and_hours_keep_left_to_right_order_in_arabic(site, new_page):
    page = new_page(PHONE)
    page.goto(f"{site}/ar/desks/casablanca-desk/")
    _screenshot(page, "desk-ar-phone")
    assert page.locator("html").get_attribute("dir") == "rtl"
    for selector, text in [
        (".contact a[href^='tel:'] bdi", "+212 5 22 00 00 00"),
        (".contact a[href^='mailto:'] bdi", "guichet@example.org"),
        (".hours dd span", "09:00–12:30"),
    ]:
        laid_out = page.locator(selector).first.evaluate(CHARACTERS_SCRIPT)
        assert laid_out["text"] == text
        assert laid_out["first"] < laid_out["last"], f"{text} is reversed"
