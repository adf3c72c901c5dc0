"""Clips of the demo's highlights: the span's sound, in the format asked for,
tagged, embedded in the Markdown note; and one sentence when there is no audio."""

from __future__ import annotations

import array
import shutil
from pathlib import Path

import av
import pytest
from markdown_it import MarkdownIt

from reader.anchoring import make_anchor, quote_speakers
from reader.cli import main
from reader.clips import CLIP_FORMATS, ClipError, ClipFormat, cut_clip
from reader.importer import load
from reader.store import Store

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
PADDING_MS = 500


@pytest.fixture
def demo_library(tmp_path):
    """The demo episode, its audio paired, two highlights of a second or two and a bookmark."""
    transcript_path = tmp_path / "tour.txt"
    shutil.copy(DEMO / "tour.txt", transcript_path)
    transcript = load(transcript_path)
    data_dir = tmp_path / "lib"
    with Store.open(data_dir) as store:
        episode, _ = store.open_episode(transcript, str(transcript_path))
        store.update_episode(episode.id, audio_path=str(DEMO / "tour.mp3"))
        turn = transcript.turns[2]  # Maya Chen at 00:22: "Very meta. So what is …"
        ids = []
        for start, end in ((0, len("Very meta.")), (11, 11 + len("So what is"))):
            anchor = make_anchor(transcript, 2, start, 2, end)
            ids.append(store.add_highlight(episode.id, anchor, quote_speakers(transcript, anchor), "blue").id)
        store.add_bookmark(episode.id, 40_000, "following along")
        highlights = store.highlights(episode.id)
    assert turn.speaker == "Maya Chen"
    return data_dir, episode, highlights


def decoded_ms(path: Path) -> tuple[int, list[float]]:
    """The clip's length as decoded sample by sample, and its first channel's samples."""
    samples, values = 0, array.array("f")
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=stream.codec_context.sample_rate)
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                samples += out.samples
                values.frombytes(bytes(out.planes[0])[: out.samples * 4])
        return samples * 1000 // stream.codec_context.sample_rate, list(values)


@pytest.mark.parametrize("suffix", [".m4a", ".mp3"])
def test_a_highlight_becomes_a_clip_of_its_span_that_decodes(demo_library, tmp_path, suffix, capsys):
    data_dir, episode, highlights = demo_library
    highlight = highlights[0]
    out = tmp_path / f"very-meta{suffix}"
    assert main(["clip", str(episode.id), str(highlight.id), "-o", str(out), "--data-dir", str(data_dir)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().err
    span = highlight.anchor.end_ms - highlight.anchor.start_ms
    assert 300 < span < 3000  # a short highlight keeps the test quick
    length, samples = decoded_ms(out)
    assert abs(length - (span + 2 * PADDING_MS)) <= 100
    with av.open(str(out)) as container:
        assert container.streams.audio[0].codec_context.name.startswith("aac" if suffix == ".m4a" else "mp3")
        tags = container.metadata
    assert tags["title"] == "Very meta." and tags["artist"] == "Maya Chen"
    assert tags["album"] == "Transcript Reader: a guided tour"
    assert tags["comment"].startswith("transcript-reader://open?episode=")
    assert max(abs(v) for v in samples) > 0.05  # speech, not silence


def test_a_bookmark_clip_runs_the_length_asked_for(demo_library, tmp_path):
    data_dir, episode, _ = demo_library
    bookmark_id = Store.open(data_dir).bookmarks(episode.id)[0].id
    out = tmp_path / "moment.opus"
    args = ["clip", str(episode.id), f"b{bookmark_id}", "-o", str(out), "--bookmark-length", "1.5", "--padding", "0"]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    assert abs(decoded_ms(out)[0] - 1500) <= 100


def test_markdown_export_with_clips_embeds_each_under_its_quote(demo_library, tmp_path, capsys):
    data_dir, episode, highlights = demo_library
    folder = tmp_path / "vault"
    args = ["export", str(episode.id), "--format", "md", "--clips", "-o", str(folder), "--bookmark-length", "1"]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    note = folder / "Transcript Reader_ a guided tour.md"
    clips = sorted(p.name for p in (folder / "attachments").iterdir())
    assert len(clips) == 3 and all(name.endswith(".m4a") for name in clips)
    tokens = MarkdownIt("commonmark").parse(note.read_text(encoding="utf-8"))
    blocks = [(t.type, t.content) for t in tokens if t.type in ("blockquote_open", "inline")]
    for highlight in highlights:
        at = blocks.index(("inline", highlight.anchor.quote))
        embed = blocks[at + 1][1]
        assert embed.startswith("![[") and embed.endswith("]]")
        assert (folder / "attachments" / embed[3:-2]).is_file()
        assert f"highlight={highlight.id}" in blocks[at + 2][1]  # the time, linked back to the moment

    assert main([*args, "--data-dir", str(data_dir)]) == 0  # again: the same files, none added
    assert sorted(p.name for p in (folder / "attachments").iterdir()) == clips
    assert "(0 new)" in capsys.readouterr().err


def test_a_changed_highlight_replaces_its_old_clip(demo_library, tmp_path):
    data_dir, episode, _ = demo_library
    folder = tmp_path / "vault"
    args = ["export", str(episode.id), "--format", "md", "--clips", "-o", str(folder), "--data-dir", str(data_dir)]
    assert main([*args, "--bookmark-length", "1"]) == 0
    before = sorted(p.name for p in (folder / "attachments").iterdir())
    assert main([*args, "--bookmark-length", "1", "--padding", "0.25"]) == 0
    after = sorted(p.name for p in (folder / "attachments").iterdir())
    assert len(after) == len(before) and not set(after) & set(before)


def test_without_audio_the_text_is_exported_and_one_sentence_says_why(demo_library, tmp_path, capsys):
    data_dir, episode, highlights = demo_library
    with Store.open(data_dir) as store:
        store.update_episode(episode.id, audio_path=None)
    folder = tmp_path / "vault"
    args = ["export", str(episode.id), "--format", "md", "--clips", "-o", str(folder), "--data-dir", str(data_dir)]
    assert main(args) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "transcript-reader: Transcript Reader: a guided tour has no audio paired with it, "
        "so its highlights were exported without clips."
    )
    text = next(folder.glob("*.md")).read_text(encoding="utf-8")
    assert highlights[0].anchor.quote in text and "![[" not in text


def test_a_format_ffmpeg_cannot_write_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setitem(CLIP_FORMATS, "m4a", ClipFormat("m4a", ".m4a", "ipod", "no-such-encoder", 64_000, (), "M4A"))
    with pytest.raises(ClipError) as caught:
        cut_clip(DEMO / "tour.mp3", 1000, 2000, tmp_path / "x.m4a")
    assert caught.value.every_clip and str(caught.value).startswith("This computer's FFmpeg cannot encode M4A")
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind


def test_cancelling_a_clip_export_says_so_and_stops_asking(demo_library):
    from reader.export.clips import ClipSettings, write_clips
    from reader.export.files import build_exports

    data_dir, episode, _ = demo_library
    with Store.open(data_dir) as store:
        exports = build_exports(store, [store.episode(episode.id)], "md")
    calls = []
    folder = data_dir.parent / "vault"
    _, report = write_clips(exports, folder, ClipSettings(bookmark_ms=1000), lambda *done: calls.append(done) and False)
    assert report.cancelled and calls == [(1, 3)]
    assert report.written >= 1 and report.problem is None
