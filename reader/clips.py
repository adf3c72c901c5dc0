"""Audio clips: the sound of one highlight (or bookmark), cut from the episode.

PyAV (FFmpeg's libraries) reads every codec podcasts ship (MP3, AAC, Opus,
Vorbis, FLAC, WAV) and writes AAC, MP3 and Opus, so a clip needs no external
program. FFmpeg's own filters do the sample-exact work: ``atrim`` cuts at the
padded span, ``afade`` fades a few milliseconds at each end so the clip does
not click, and the encoder's frame size is met by PyAV itself.

Every failure ends as :class:`ClipError`, one sentence saying what to do.
"""

from __future__ import annotations

import os
import secrets
from collections import namedtuple
from pathlib import Path

#: Silence-free margin kept around a highlight, so its first and last
#: syllables are not clipped by a word time that is a little late or early.
DEFAULT_PADDING_MS = 500
#: A bookmark has no end: its clip runs this long unless the user says otherwise.
DEFAULT_BOOKMARK_MS = 30_000
#: Long enough to remove the click of a cut mid-waveform, too short to hear.
FADE_MS = 12


class ClipFormat(
    namedtuple("ClipFormat", "key suffix muxer codec bit_rate_per_channel rates label options", defaults=(None,))
):
    """How one kind of clip file is written. ``rates`` are the sample rates the
    encoder accepts (empty: any); the source's rate is kept when it is one.
    ``options`` are the encoder's own (FFmpeg's names)."""

    __slots__ = ()


_COMMON_RATES = (48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000)
CLIP_FORMATS = {
    # FFmpeg's "fast" AAC coder takes about half the time of its default
    # "twoloop" search, with no difference one hears in speech at 64 kb/s.
    "m4a": ClipFormat("m4a", ".m4a", "ipod", "aac", 64_000, _COMMON_RATES, "M4A (AAC)", {"aac_coder": "fast"}),
    # LAME's quality 5 (its own default is 3): a third quicker, speech sounds the same.
    "mp3": ClipFormat("mp3", ".mp3", "mp3", "libmp3lame", 64_000, _COMMON_RATES, "MP3", {"compression_level": "5"}),
    "opus": ClipFormat("opus", ".opus", "ogg", "libopus", 32_000, (48000, 24000, 16000, 12000, 8000), "Opus"),
}
DEFAULT_FORMAT = "m4a"


class ClipError(Exception):
    """A clip could not be made. ``str(error)`` is one sentence for the user.

    ``every_clip`` is True when the next clip would fail the same way (the
    format cannot be written here), so a batch stops trying."""

    def __init__(self, message: str, every_clip: bool = False) -> None:
        super().__init__(message)
        self.every_clip = every_clip


class ClipTags(namedtuple("ClipTags", "quote episode_title speaker link", defaults=("", "", "", ""))):
    """What a clip says about itself in its tags: players show the quote as
    the title, the speaker as the artist and the episode as the album."""

    __slots__ = ()

    def as_metadata(self) -> dict[str, str]:
        fields = {"title": self.quote, "artist": self.speaker, "album": self.episode_title, "comment": self.link}
        return {key: " ".join(value.split()) for key, value in fields.items() if value and value.strip()}


def padded_span(start_ms: int, end_ms: int, padding_ms: int = DEFAULT_PADDING_MS) -> tuple[int, int]:
    """The span a clip covers: the words, plus padding on each side, never before 0."""
    start, end = sorted((int(start_ms), int(end_ms)))
    padding = max(int(padding_ms), 0)
    return max(start - padding, 0), end + padding


def clip_format(key: str | None) -> ClipFormat:
    """The format named ``key`` (``m4a``, ``mp3``, ``opus``), or the file suffix's."""
    key = (key or DEFAULT_FORMAT).lower().lstrip(".")
    if key in ("aac", "mp4"):
        key = "m4a"
    if key == "ogg":
        key = "opus"
    try:
        return CLIP_FORMATS[key]
    except KeyError:
        raise ClipError(f"Clips can be written as m4a, mp3 or opus, not {key!r}; choose one of those.") from None


def format_for_path(path: str | os.PathLike[str], default: str = DEFAULT_FORMAT) -> ClipFormat:
    """The format a file name asks for (``clip.mp3`` is MP3); ``default`` without a suffix."""
    suffix = Path(path).suffix
    return clip_format(suffix if suffix else default)


def cut_clip(
    audio_path: str | os.PathLike[str],
    start_ms: int,
    end_ms: int,
    out_path: str | os.PathLike[str],
    fmt: str | None = None,
    tags: ClipTags | None = None,
    fade_ms: int = FADE_MS,
) -> int:
    """Write the audio from ``start_ms`` to ``end_ms`` (audio time, already
    padded) to ``out_path``; returns the clip's length in milliseconds.

    The file appears whole or not at all: it is written beside the target and
    renamed over it, so a clip exported again replaces the old one in place.
    """
    clip = clip_format(fmt) if fmt else format_for_path(out_path)
    audio_path, target = Path(audio_path), Path(out_path)
    if not audio_path.is_file():
        raise ClipError(f"{audio_path.name} could not be found, so no clip was made; pair the episode's audio again.")
    if end_ms <= start_ms:
        raise ClipError("A clip needs a span that lasts longer than nothing; choose a longer highlight.")
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        length = _transcode(audio_path, temp, clip, int(start_ms), int(end_ms), tags or ClipTags(), fade_ms)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return length


def _transcode(source: Path, target: Path, clip: ClipFormat, start_ms: int, end_ms: int, tags, fade_ms) -> int:
    import av

    try:
        container = av.open(str(source))
    except (av.error.FFmpegError, OSError) as error:
        raise ClipError(f"{source.name} could not be read as audio ({_reason(error)}); check the file.") from None
    with container:
        if not container.streams.audio:
            raise ClipError(f"{source.name} has no audio in it, so no clip can be cut from it.")
        stream = container.streams.audio[0]
        try:
            return _write(container, stream, target, clip, start_ms, end_ms, tags, fade_ms)
        except av.error.FFmpegError as error:
            raise ClipError(
                f"The clip could not be written as {clip.label} ({_reason(error)}); try another clip format."
            ) from None


def _write(container, stream, target: Path, clip: ClipFormat, start_ms, end_ms, tags, fade_ms) -> int:
    import av

    rate = stream.codec_context.sample_rate or 44100
    out_rate = rate if not clip.rates or rate in clip.rates else clip.rates[0]
    channels = min(stream.codec_context.channels or 1, 2)
    layout = "stereo" if channels == 2 else "mono"
    try:
        output = av.open(str(target), "w", format=clip.muxer)
    except (av.error.FFmpegError, ValueError) as error:
        raise ClipError(
            f"This computer's FFmpeg cannot write {clip.label} ({_reason(error)}); choose m4a.", every_clip=True
        ) from None
    with output:
        for key, value in tags.as_metadata().items():
            output.metadata[key] = value
        try:
            encoder = output.add_stream(clip.codec, rate=out_rate, layout=layout)
        except (av.error.FFmpegError, ValueError) as error:
            raise ClipError(
                f"This computer's FFmpeg cannot encode {clip.label} ({_reason(error)}); choose another clip format.",
                every_clip=True,
            ) from None
        encoder.bit_rate = clip.bit_rate_per_channel * channels
        encoder.options = dict(clip.options or {})
        sample_format = encoder.codec_context.format.name
        origin_ms = _origin_ms(stream)
        start_ms, end_ms = start_ms + origin_ms, end_ms + origin_ms
        graph = _filter_graph(stream, start_ms, end_ms, fade_ms, sample_format, out_rate, layout)
        samples = 0
        for frame in _decoded(container, stream, start_ms, end_ms):
            graph.push(frame)
            samples = _drain(graph, encoder, output, samples)
        graph.push(None)
        samples = _drain(graph, encoder, output, samples)
        for packet in encoder.encode(None):
            output.mux(packet)
    if samples == 0:
        target.unlink(missing_ok=True)
        raise ClipError("This clip would start after the audio ends; check that the right audio is paired.")
    return samples * 1000 // out_rate


def _filter_graph(stream, start_ms: int, end_ms: int, fade_ms: int, sample_format: str, rate: int, layout: str):
    """abuffer → atrim (the span, in the stream's own time) → fades → the encoder's samples."""
    import av.filter

    length_s = (end_ms - start_ms) / 1000
    fade_s = min(fade_ms / 1000, length_s / 4)
    graph = av.filter.Graph()
    chain = [
        graph.add_abuffer(template=stream),
        graph.add("atrim", f"start={start_ms / 1000:.3f}:end={end_ms / 1000:.3f}"),
        graph.add("asetpts", "PTS-STARTPTS"),
        graph.add("afade", f"t=in:st=0:d={fade_s:.3f}"),
        graph.add("afade", f"t=out:st={max(length_s - fade_s, 0):.3f}:d={fade_s:.3f}"),
        graph.add("aresample", str(rate)),
        graph.add("aformat", f"sample_fmts={sample_format}:sample_rates={rate}:channel_layouts={layout}"),
        graph.add("abuffersink"),
    ]
    graph.link_nodes(*chain).configure()
    return graph


def _origin_ms(stream) -> int:
    """Where the stream's clock stands at its first sample. An MP3 with a LAME
    header starts at about 50 ms (the encoder's delay, skipped on decoding);
    players count from the first sample, so the span is shifted by as much."""
    if stream.start_time is None or not stream.time_base:
        return 0
    return max(int(round(stream.start_time * stream.time_base * 1000)), 0)


def _decoded(container, stream, start_ms: int, end_ms: int):
    """Frames from a little before the span to its end; seeking lands on a
    frame at or before ``start_ms`` so atrim can cut at the exact sample."""
    if start_ms > 0 and stream.time_base:
        container.seek(int(max(start_ms - 1000, 0) / 1000 / stream.time_base), stream=stream, backward=True)
    for frame in container.decode(stream):
        yield frame
        if frame.time is not None and frame.time * 1000 > end_ms:
            return


def _drain(graph, encoder, output, samples: int) -> int:
    """Encode and mux every frame the graph has ready; the samples written so far.

    Frames are stamped in samples from 0, so the encoder can mark its priming
    samples (AAC's 1024) and the muxer writes an edit list that hides them."""
    from fractions import Fraction

    import av

    while True:
        try:
            frame = graph.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return samples
        frame.pts, frame.time_base = samples, Fraction(1, frame.sample_rate)
        samples += frame.samples
        for packet in encoder.encode(frame):
            output.mux(packet)


def _reason(error: BaseException) -> str:
    """FFmpeg's own short reason, without its errno prefix."""
    text = getattr(error, "strerror", None) or str(error)
    return text.strip().rstrip(".") or type(error).__name__
