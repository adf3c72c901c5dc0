"""Spare PySide6 from reading the source of every module the app imports.

Once ``PySide6.QtCore`` is imported, PySide6 checks every module imported
after it for its opt-in ``from __feature__ import snake_case`` switches: it
reads the module's whole source file (``inspect.getsource``) and looks for
the word "PySide6", then notes the answer in a table keyed by module name.
Before the first paint the app imports about 150 modules that way, and the
reading took 20-35 ms of the main thread's start (``bench.py --only ui``).

The app never uses those switches, and it knows the answers already: every
module under ``ui/`` uses PySide6, none under ``reader/`` does (the
import-linter contract), and the standard library never does. Writing them
into the table first is what PySide6 itself would write after reading, so
nothing behaves differently; only the reading is skipped.

The table is PySide6's own (``shibokensupport.feature.pyside_feature_dict``),
not a public API. If a PySide6 release moves or renames it, nothing here
fails: the app starts as it would have, reading the sources.
"""

from __future__ import annotations

import os
import sys

#: What PySide6 writes for a module: 0, "uses PySide6, no feature selected";
#: -1, "does not use PySide6, ignore it".
_USES_PYSIDE, _IGNORED = 0, -1
#: The app's packages, and whether their modules use PySide6.
_PACKAGES = {"ui": _USES_PYSIDE, "reader": _IGNORED, "resources": _IGNORED}


def declare_known_modules() -> int:
    """Fill PySide6's table for the app's modules and the standard library's
    top-level modules not imported yet. Returns how many names were added
    (0 when PySide6 keeps no such table)."""
    table = _feature_table()
    if table is None:
        return 0
    known = dict.fromkeys(sys.stdlib_module_names, _IGNORED)
    for package, answer in _PACKAGES.items():
        known.update(dict.fromkeys(_module_names(package), answer))
    added = 0
    for name, answer in known.items():
        if name not in table:
            table[name] = answer
            added += 1
    return added


def _feature_table() -> dict | None:
    """PySide6's table of module name to feature selection, or None."""
    import PySide6.QtCore  # noqa: F401 - the table exists once QtCore is loaded

    feature = sys.modules.get("shibokensupport.feature") or sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def _module_names(package: str) -> list[str]:
    """Dotted names of the package's modules found on disk (none in a frozen
    build, where PySide6 cannot read sources anyway)."""
    module = sys.modules.get(package)
    if module is None:
        __import__(package)
        module = sys.modules[package]
    names: list[str] = []
    for folder in getattr(module, "__path__", ()):
        names.extend(_walk(folder, package))
    return names


def _walk(folder: str, prefix: str) -> list[str]:
    names = [prefix]
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return names
    for entry in entries:
        if entry.is_dir() and not entry.name.startswith(("_", ".")):
            if os.path.exists(os.path.join(entry.path, "__init__.py")):
                names.extend(_walk(entry.path, f"{prefix}.{entry.name}"))
        elif entry.name.endswith(".py") and entry.name != "__init__.py":
            names.append(f"{prefix}.{entry.name[:-3]}")
    return names
