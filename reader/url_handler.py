"""``transcript-reader install-url-handler``: make ``transcript-reader://`` links open the app.

- Linux (freedesktop): a ``.desktop`` file with
  ``MimeType=x-scheme-handler/transcript-reader`` in the user's applications
  folder, made the user's default for the scheme in ``mimeapps.list``, so
  browsers, Obsidian and ``xdg-open`` hand links to the app.
- Windows: ``HKEY_CURRENT_USER\\Software\\Classes\\transcript-reader`` with
  ``URL Protocol`` and ``shell\\open\\command`` (no administrator rights).
- macOS: the app bundle declares the scheme itself (``CFBundleURLTypes`` in
  ``build.spec``); nothing to install.

The command line written into the handler is the one running now (the
frozen app, or this environment's ``transcript-reader`` script), with
``--data-dir`` when one is given, so links open in that library.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from reader.links import SCHEME

DESKTOP_NAME = "transcript-reader-url.desktop"
MIME_TYPE = f"x-scheme-handler/{SCHEME}"


def install_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="transcript-reader install-url-handler",
        description="Register transcript-reader:// links with this system, so they open the app at their moment.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="open links in the library kept in DIR")
    parser.add_argument("--uninstall", action="store_true", help="remove the registration again")
    args = parser.parse_args(argv)
    command = launch_command(args.data_dir)
    try:
        if sys.platform == "darwin":
            print("On macOS the app bundle registers transcript-reader:// itself; move it to Applications.")
        elif os.name == "nt":
            _windows(command, args.uninstall)
        else:
            _freedesktop(command, args.uninstall)
    except OSError as error:
        print(f"transcript-reader: the link handler could not be registered ({error}).", file=sys.stderr)
        return 1
    return 0


def launch_command(data_dir: str | None = None) -> list[str]:
    """How this installation is started: the frozen executable, or the script that runs now."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
        if script is not None and script.name.startswith("transcript-reader") and script.is_file():
            command = [str(script)]
        else:
            command = [sys.executable, "-m", "reader.cli"]
    if data_dir:
        command += ["--data-dir", str(Path(data_dir).expanduser().absolute())]
    return command


def desktop_entry(command: list[str]) -> str:
    """The freedesktop entry: hidden from menus, there only to take links (``%u``)."""
    exec_line = " ".join(_desktop_quote(part) for part in command) + " %u"
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Transcript Reader\n"
        "Comment=Open transcript-reader:// links at their moment\n"
        f"Exec={exec_line}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        f"MimeType={MIME_TYPE};\n"
        "Categories=AudioVideo;Audio;\n"
    )


def _desktop_quote(part: str) -> str:
    """Quoting as the Desktop Entry spec wants it for the Exec key."""
    if not any(ch in part for ch in " \t\"'\\><~|&;$*?#()`%"):
        return part
    escaped = part.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def _freedesktop(command: list[str], uninstall: bool) -> None:
    applications = _data_home() / "applications"
    entry = applications / DESKTOP_NAME
    if uninstall:
        entry.unlink(missing_ok=True)
        set_default_handler(None)
        print(f"Removed {entry}; transcript-reader:// links no longer open the app.")
        return
    applications.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_entry(command), encoding="utf-8")
    set_default_handler(DESKTOP_NAME)
    if shutil.which("update-desktop-database"):
        subprocess.run(["update-desktop-database", str(applications)], check=False, capture_output=True)
    print(f"Installed {entry}: transcript-reader:// links now open {shlex.join(command)}.")


def set_default_handler(desktop_name: str | None) -> None:
    """The user's default for the scheme in ``mimeapps.list`` (written directly:
    ``xdg-mime`` needs a desktop session to know where, and may be absent)."""
    path = _config_home() / "mimeapps.list"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    lines = [line for line in lines if not line.startswith(MIME_TYPE + "=")]
    if desktop_name is not None:
        if "[Default Applications]" not in lines:
            lines += ["[Default Applications]"]
        lines.insert(lines.index("[Default Applications]") + 1, f"{MIME_TYPE}={desktop_name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _windows(command: list[str], uninstall: bool) -> None:  # pragma: no cover - Windows only
    if sys.platform != "win32":  # also tells mypy which winreg this reads
        return
    import winreg

    root = rf"Software\Classes\{SCHEME}"
    if uninstall:
        for key in (rf"{root}\shell\open\command", rf"{root}\shell\open", rf"{root}\shell", root):
            try:
                winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)
            except FileNotFoundError:
                pass
        print("Removed the transcript-reader:// registration.")
        return
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, root) as key:
        winreg.SetValueEx(key, None, 0, winreg.REG_SZ, "URL:Transcript Reader link")
        winreg.SetValueEx(key, "URL Protocol", 0, winreg.REG_SZ, "")
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, rf"{root}\shell\open\command") as key:
        winreg.SetValueEx(key, None, 0, winreg.REG_SZ, subprocess.list2cmdline(command) + ' "%1"')
    print(f"Registered transcript-reader:// for {subprocess.list2cmdline(command)}.")
