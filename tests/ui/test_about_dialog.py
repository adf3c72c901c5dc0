"""Help → About: the version, the library's folder, and a button to open it."""

from __future__ import annotations

from importlib.metadata import version

from ui.about_dialog import AboutDialog


def test_about_names_the_version_and_the_library_folder_and_opens_it(qtbot, settings, tmp_path):
    opened = []
    dialog = AboutDialog(settings.folder, opener=lambda folder: opened.append(folder) or True)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.location)))
    assert version("transcript-reader") in texts
    assert str(tmp_path) in dialog.location.text()
    dialog.open_button.click()
    assert opened == [tmp_path]
    assert dialog.status.isHidden()


def test_a_folder_that_cannot_be_opened_is_named_instead(qtbot, settings, tmp_path):
    dialog = AboutDialog(settings.folder, opener=lambda folder: False)
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert not dialog.status.isHidden() and str(tmp_path) in dialog.status.text()


def test_the_about_window_is_wide_enough_for_its_title_and_the_blurb_on_one_line(qtbot, settings):
    dialog = AboutDialog(settings.folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    metrics = dialog.fontMetrics()
    assert dialog.width() >= 2 * metrics.horizontalAdvance(dialog.windowTitle())
    blurb = "Read a podcast or interview transcript while the episode plays."
    assert dialog.width() >= metrics.horizontalAdvance(blurb)
