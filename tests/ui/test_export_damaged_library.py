"""The library is damaged while the window has it open (a failing disk), and
the reader exports: one sentence says so, and the file is not moved from
under the window, which would keep saving into the moved file unseen."""

from __future__ import annotations

from reader.keep import Anchor
from reader.store import DB_FILENAME


def _spoil_a_page_of_highlights(store, episode_id: int) -> None:
    for i in range(200):
        store.add_highlight(episode_id, Anchor(0, 0, 0, 7, "Welcome", "", "", 0, 500), [], "yellow", f"n{i} " * 40)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
    path = store.path
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = data.find(b"n100 n100 ") // page_size
    assert page > 0
    data[page * page_size : (page + 1) * page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))


def test_exporting_from_a_library_damaged_meanwhile_says_so_and_moves_nothing(kwindow, store, tmp_path, qtbot):
    _spoil_a_page_of_highlights(store, kwindow.session.episode.id)
    out = tmp_path / "export.md"
    with qtbot.waitSignal(kwindow.keeping.export_finished, timeout=10_000):
        assert kwindow.keeping.export("md", True, str(out))
    assert kwindow.status.text.startswith("The export could not be made because the library is damaged; ")
    assert not out.exists()
    assert sorted(p.name for p in store.path.parent.iterdir() if "corrupt" in p.name) == []
    assert (store.path.parent / DB_FILENAME).exists()
