"""The browser tests find a Chromium on a fresh machine: Debian's, else Playwright's own."""

import pytest

from tests.browser.chromium import NoChromium, find_chromium


def never(*_):
    raise AssertionError("nothing should be installed")


def test_debians_chromium_is_used_when_installed(tmp_path):
    debian = tmp_path / "chromium"
    debian.touch()
    assert find_chromium(tmp_path / "playwright" / "chrome", debian=debian, install=never) == debian


def test_playwrights_chromium_is_used_when_debians_is_missing(tmp_path):
    bundled = tmp_path / "chrome"
    bundled.touch()
    assert find_chromium(bundled, debian=tmp_path / "none", install=never) == bundled


def test_playwrights_chromium_is_installed_when_neither_is_there(tmp_path):
    bundled = tmp_path / "chrome"
    assert find_chromium(bundled, debian=tmp_path / "none", install=lambda: bundled.touch() or "") == bundled


def test_without_any_chromium_the_message_says_what_to_do(tmp_path):
    with pytest.raises(NoChromium, match=r"apt-get install chromium.*playwright install chromium.*refused"):
        find_chromium(tmp_path / "chrome", debian=tmp_path / "none", install=lambda: "download refused")
