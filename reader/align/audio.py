"""The episode's audio as the recogniser hears it: 16 kHz mono 16-bit, read as a stream.

PyAV (FFmpeg) reads every podcast codec (mp3, m4a/aac, opus, ogg, flac,
wav). The file is decoded a packet at a time and handed on in chunks, so a
10-hour episode never sits in memory whole.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator

RATE = 16000
BYTES_PER_MS = RATE * 2 // 1000


class AudioError(Exception):
    """The audio file cannot be read; the message says why in one sentence."""


def pcm_chunks(path: str, chunk_ms: int = 1000) -> Iterator[bytes]:
    """Yield the audio as 16 kHz mono s16 little-endian chunks of about ``chunk_ms``."""
    import av

    try:
        container = av.open(path)
    except (av.error.FFmpegError, OSError) as error:
        # strerror: "Invalid data found when processing input", without "[Errno 1094995529]" and the path
        reason = getattr(error, "strerror", None) or error
        raise AudioError(f"The audio file {os.path.basename(path)} cannot be read ({reason}).") from error
    with container:
        if not container.streams.audio:
            raise AudioError(f"{os.path.basename(path)} has no audio stream.")
        stream = container.streams.audio[0]
        try:
            yield from _resampled_chunks(container.decode(stream), chunk_ms * BYTES_PER_MS)
        except av.error.FFmpegError as error:
            raise AudioError(f"The audio file {os.path.basename(path)} is damaged ({error}).") from error


def _resampled_chunks(frames, size: int) -> Iterator[bytes]:
    """The decoded frames at 16 kHz mono s16, in chunks of ``size`` bytes (the last may be shorter).

    Decoders hand out small frames (576 samples for 22 kHz MP3), and each
    call into the resampler costs more than the resampling itself: frames
    are gathered into about a second of audio first (half the decoding CPU).
    """
    import av

    pending = bytearray()
    resampler: av.AudioResampler | None = None
    fifo: av.AudioFifo | None = None
    shape = None

    def resample(frame: av.AudioFrame | None) -> None:
        assert resampler is not None
        for out in resampler.resample(frame):
            pending.extend(memoryview(out.planes[0])[: out.samples * 2])

    def drain() -> None:
        """Resample what the fifo holds, and flush the resampler: the input's format changes, or it ends."""
        if fifo is not None:
            resample(fifo.read() if fifo.samples else None)
            resample(None)

    for frame in frames:
        frame.pts = None  # the fifo checks timestamps are contiguous; only the order matters here
        if (frame.format.name, frame.layout.name, frame.sample_rate) != shape:
            # A stream may change its rate or channels midway (joined MP3s): start afresh.
            drain()
            shape = (frame.format.name, frame.layout.name, frame.sample_rate)
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            fifo = av.AudioFifo()
        assert fifo is not None
        fifo.write(frame)
        if fifo.samples >= frame.sample_rate:
            resample(fifo.read())
        start = 0
        while len(pending) - start >= size:
            yield bytes(pending[start : start + size])
            start += size
        del pending[:start]
    drain()
    for start in range(0, len(pending), size):
        yield bytes(pending[start : start + size])


def duration_ms(path: str) -> int | None:
    """The audio's length from its container, or None when it does not say."""
    import av

    try:
        with av.open(path) as container:
            if container.duration:
                return container.duration * 1000 // av.time_base
    except (av.error.FFmpegError, OSError):
        return None
    return None


def fingerprint(path: str) -> str:
    """Identifies the audio without reading all of it: size plus the first and last 256 KB."""
    digest = hashlib.sha256()
    size = os.path.getsize(path)
    digest.update(str(size).encode())
    with open(path, "rb") as file:
        digest.update(file.read(1 << 18))
        if size > 1 << 19:
            file.seek(-(1 << 18), os.SEEK_END)
            digest.update(file.read(1 << 18))
    return digest.hexdigest()[:32]
