"""The library folder: command line over environment over the platform default."""

from __future__ import annotations

from types import SimpleNamespace

import platformdirs
import pytest

from reader import data_dir
from reader.data_dir import ENV_VAR, resolve_data_dir


@pytest.fixture
def platform_default(tmp_path, monkeypatch) -> SimpleNamespace:
    """Stand in for the real per-user folder, so no test can reach it;
    ``calls`` records whether it was asked at all."""
    fake = tmp_path / "platform-default"
    calls = []

    def user_data_dir(appname, appauthor=None, *args, **kwargs):
        calls.append((appname, appauthor))
        return str(fake)

    monkeypatch.setattr(platformdirs, "user_data_dir", user_data_dir)
    return SimpleNamespace(path=fake, calls=calls)


def test_the_command_line_wins_over_the_environment(tmp_path, platform_default):
    environ = {ENV_VAR: str(tmp_path / "from-env")}
    assert resolve_data_dir(str(tmp_path / "from-cli"), environ) == tmp_path / "from-cli"
    assert platform_default.calls == []


def test_the_environment_wins_over_the_platform_default(tmp_path, platform_default):
    assert resolve_data_dir(None, {ENV_VAR: str(tmp_path / "from-env")}) == tmp_path / "from-env"
    assert platform_default.calls == []


def test_without_overrides_the_platform_folder_is_used(platform_default):
    assert resolve_data_dir(None, {}) == platform_default.path
    assert platform_default.calls == [("transcript-reader", False)]


def test_empty_values_count_as_not_given(platform_default):
    assert resolve_data_dir("", {ENV_VAR: "  "}) == platform_default.path


def test_relative_and_home_paths_are_made_absolute(monkeypatch, tmp_path, platform_default):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_data_dir("portable", {}) == tmp_path / "portable"
    assert resolve_data_dir(None, {ENV_VAR: "~/library"}) == tmp_path / "home" / "library"


def test_the_real_environment_is_read_by_default(monkeypatch, tmp_path, platform_default):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env-home"))
    assert data_dir.resolve_data_dir(None) == tmp_path / "env-home"


def test_the_command_line_spelling_of_the_variable_matches():
    from reader.cli import DATA_DIR_ENV
    from reader.data_dir import ENV_VAR

    assert DATA_DIR_ENV == ENV_VAR
