"""install-url-handler on Linux: a .desktop file that takes transcript-reader://
links, made the user's default for the scheme, and removed again."""

from __future__ import annotations

import sys

import pytest

from reader.cli import main
from reader.url_handler import DESKTOP_NAME, MIME_TYPE, desktop_entry

pytestmark = pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the freedesktop registration is Linux's")


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "mimeapps.list").write_text("[Default Applications]\ntext/html=firefox.desktop\n")
    return tmp_path


def test_install_registers_the_scheme_and_keeps_other_defaults(xdg, capsys):
    assert main(["install-url-handler", "--data-dir", str(xdg / "my library")]) == 0
    entry = (xdg / "data" / "applications" / DESKTOP_NAME).read_text(encoding="utf-8")
    assert f"MimeType={MIME_TYPE};" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %u") and f'"{xdg / "my library"}"' in exec_line
    defaults = (xdg / "config" / "mimeapps.list").read_text(encoding="utf-8").splitlines()
    assert defaults == ["[Default Applications]", f"{MIME_TYPE}={DESKTOP_NAME}", "text/html=firefox.desktop"]
    assert "links now open" in capsys.readouterr().out


def test_installing_twice_then_uninstalling_leaves_the_rest_as_it_was(xdg):
    assert main(["install-url-handler"]) == 0
    assert main(["install-url-handler"]) == 0
    listing = (xdg / "config" / "mimeapps.list").read_text(encoding="utf-8")
    assert listing.count(MIME_TYPE) == 1
    assert main(["install-url-handler", "--uninstall"]) == 0
    assert (xdg / "config" / "mimeapps.list").read_text() == "[Default Applications]\ntext/html=firefox.desktop\n"
    assert not (xdg / "data" / "applications" / DESKTOP_NAME).exists()


def test_exec_quotes_paths_with_spaces_as_the_desktop_entry_spec_asks():
    assert 'Exec="/opt/Transcript Reader/tr" --data-dir /x %u' in desktop_entry(
        ["/opt/Transcript Reader/tr", "--data-dir", "/x"]
    )
