"""SmoothClock and SeekCheck, driven by a fake monotonic time source (no Qt)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui.player.clock import SeekCheck, SmoothClock, Verdict


class FakeTime:
    """A monotonic clock the test moves by hand, in milliseconds for readability."""

    def __init__(self) -> None:
        self.seconds = 100.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, ms: float) -> None:
        self.seconds += ms / 1000.0


@pytest.fixture
def now() -> FakeTime:
    return FakeTime()


@pytest.fixture
def clock(now: FakeTime) -> SmoothClock:
    return SmoothClock(now)


def playing_clock(now: FakeTime, at_ms: int = 0) -> SmoothClock:
    clock = SmoothClock(now)
    clock.seek(at_ms)
    clock.play()
    return clock


# -- interpolation ------------------------------------------------------------
def test_starts_at_zero_and_stays_put_until_played(clock: SmoothClock, now: FakeTime) -> None:
    now.advance(5000)
    assert clock.position_ms() == 0
    assert not clock.playing


def test_interpolates_between_reports_while_playing(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(120)
    assert clock.position_ms() == 120
    now.advance(130)
    assert clock.position_ms() == 250


def test_interpolation_scales_with_rate(now: FakeTime) -> None:
    clock = playing_clock(now)
    clock.set_rate(2.0)
    now.advance(500)
    assert clock.position_ms() == 1000


def test_rate_change_keeps_time_already_played(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(1000)
    clock.set_rate(1.5)
    now.advance(1000)
    assert clock.position_ms() == 2500


def test_pause_freezes_and_play_resumes_from_there(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(700)
    clock.pause()
    now.advance(5000)
    assert clock.position_ms() == 700
    clock.play()
    now.advance(300)
    assert clock.position_ms() == 1000


def test_play_and_pause_are_idempotent(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(100)
    clock.play()
    now.advance(100)
    assert clock.position_ms() == 200
    clock.pause()
    clock.pause()
    assert clock.position_ms() == 200


# -- seeking ------------------------------------------------------------------
def test_seek_reports_the_target_at_once(clock: SmoothClock) -> None:
    clock.seek(42_000)
    assert clock.position_ms() == 42_000


def test_seek_backwards_is_allowed(now: FakeTime) -> None:
    clock = playing_clock(now, 30_000)
    now.advance(1000)
    assert clock.position_ms() == 31_000
    clock.seek(5_000)
    assert clock.position_ms() == 5_000
    now.advance(250)
    assert clock.position_ms() == 5_250


def test_seek_below_zero_clamps(clock: SmoothClock) -> None:
    clock.seek(-300)
    assert clock.position_ms() == 0


# -- reports ------------------------------------------------------------------
def test_report_ahead_moves_forward(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(250)
    clock.report(300)
    assert clock.position_ms() == 300
    now.advance(50)
    assert clock.position_ms() == 350


def test_small_report_behind_holds_instead_of_stepping_back(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(1000)
    assert clock.position_ms() == 1000
    clock.report(900)  # 100 ms behind the estimate: jitter, not a jump
    assert clock.position_ms() == 1000
    now.advance(60)
    assert clock.position_ms() == 1000  # held: real time (960) has not caught up
    now.advance(60)
    assert clock.position_ms() == 1020  # caught up, moving again from the report


def test_hold_applies_while_paused_too(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(1500)
    clock.pause()
    clock.report(900)  # Ogg: VLC's last report is up to a second stale
    assert clock.position_ms() == 1500


def test_report_just_under_the_jump_threshold_still_holds(now: FakeTime) -> None:
    clock = SmoothClock(now, jump_ms=1500)
    clock.seek(10_000)
    clock.play()
    clock.report(8_501)
    assert clock.position_ms() == 10_000


@pytest.mark.parametrize("reading", [2_000, 40_000])
def test_big_difference_is_a_real_jump_either_way(now: FakeTime, reading: int) -> None:
    clock = playing_clock(now, 20_000)
    clock.report(reading)
    assert clock.position_ms() == reading
    now.advance(100)
    assert clock.position_ms() == reading + 100


def test_repeated_stale_report_is_ignored(now: FakeTime) -> None:
    """Feeding the same value again must not drag the anchor back to it."""
    clock = playing_clock(now)
    now.advance(300)
    clock.report(300)
    now.advance(200)
    clock.report(300)
    assert clock.position_ms() == 500


def test_report_equal_to_one_before_a_seek_counts_again(now: FakeTime) -> None:
    clock = playing_clock(now)
    clock.report(5_000)
    clock.seek(0)
    clock.report(5_000)
    assert clock.position_ms() == 5_000


def test_never_backwards_over_coarse_jittery_reports(now: FakeTime) -> None:
    """Ogg-like cadence (~1 s) with reports landing up to 80 ms either side."""
    clock = playing_clock(now)
    jitter = [-80, 40, -30, 70, -60, 0, -75, 20]
    outputs = []
    for step in range(1, 41):
        now.advance(50)
        if step % 20 == 0:
            clock.report(step * 50 + jitter[step % len(jitter)])
        outputs.append(clock.position_ms())
    assert outputs == sorted(outputs)
    assert abs(outputs[-1] - 2000) <= 80


def test_clamps_to_duration(now: FakeTime) -> None:
    clock = playing_clock(now, 9_900)
    clock.set_duration(10_000)
    now.advance(500)
    assert clock.position_ms() == 10_000


def test_seek_beyond_a_too_short_duration_is_honoured(now: FakeTime) -> None:
    """VLC's first length for a VBR MP3 can be seconds short; trust the seek."""
    clock = playing_clock(now)
    clock.set_duration(11_490)
    clock.seek(12_000)
    now.advance(300)
    assert clock.position_ms() == 12_300


def test_report_beyond_the_duration_is_honoured(now: FakeTime) -> None:
    clock = playing_clock(now, 11_000)
    clock.set_duration(11_490)
    clock.report(11_600)
    now.advance(100)
    assert clock.position_ms() == 11_700


def test_unknown_duration_does_not_clamp(now: FakeTime) -> None:
    clock = playing_clock(now, 9_900)
    clock.set_duration(0)
    now.advance(500)
    assert clock.position_ms() == 10_400


def test_expected_ignores_the_hold(now: FakeTime) -> None:
    clock = playing_clock(now)
    now.advance(1000)
    assert clock.position_ms() == 1000
    clock.report(900)
    assert clock.position_ms() == 1000
    assert clock.expected_ms() == 900


def test_hold_guards_what_was_shown_not_what_was_never_asked(now: FakeTime) -> None:
    """The floor is the last output; an unobserved estimate is not a promise."""
    clock = playing_clock(now)
    now.advance(1000)
    clock.report(900)
    assert clock.position_ms() == 900


def test_defaults_to_the_real_monotonic_clock() -> None:
    clock = SmoothClock()
    clock.play()
    assert clock.position_ms() >= 0


# -- SeekCheck ----------------------------------------------------------------
def test_seek_check_waits_on_the_echo() -> None:
    check = SeekCheck()
    check.begin(10_000)
    assert check.judge(10_000, 10_050) is Verdict.WAIT
    assert check.active


def test_seek_check_accepts_a_close_landing() -> None:
    check = SeekCheck(tolerance_ms=1000)
    check.begin(10_000)
    assert check.judge(10_300, 10_260) is Verdict.OK
    assert not check.active


def test_seek_check_retries_a_far_landing_then_gives_up() -> None:
    check = SeekCheck(tolerance_ms=1000, max_retries=2)
    check.begin(10_000)
    assert check.judge(52_089, 10_050) is Verdict.RETRY
    check.expect(10_050)
    assert check.judge(10_050, 10_060) is Verdict.WAIT
    assert check.judge(14_000, 10_300) is Verdict.RETRY
    check.expect(10_300)
    assert check.judge(14_300, 10_400) is Verdict.GIVE_UP
    assert not check.active


def test_seek_check_counts_retries_even_if_never_applied() -> None:
    """VLC may end again before the retry seek is issued: that must not loop."""
    check = SeekCheck(tolerance_ms=1000, max_retries=2)
    check.begin(10_000)
    verdicts = [check.judge_end(10_000, 20_000) for _ in range(3)]
    assert verdicts == [Verdict.RETRY, Verdict.RETRY, Verdict.GIVE_UP]


def test_seek_check_new_seek_restores_the_retry_budget() -> None:
    check = SeekCheck(max_retries=1)
    check.begin(1_000)
    assert check.judge(9_000, 1_000) is Verdict.RETRY
    check.begin(2_000)
    assert check.judge(9_000, 2_000) is Verdict.RETRY


def test_seek_check_end_far_from_the_end_is_a_failed_seek() -> None:
    check = SeekCheck(tolerance_ms=1000)
    check.begin(10_000)
    assert check.judge_end(10_040, 20_000) is Verdict.RETRY


def test_seek_check_end_near_the_end_is_a_real_end() -> None:
    check = SeekCheck(tolerance_ms=1000)
    check.begin(19_500)
    assert check.judge_end(19_600, 20_000) is Verdict.OK
    assert not check.active


def test_seek_check_end_without_a_seek_is_a_real_end() -> None:
    assert SeekCheck().judge_end(3_000, 20_000) is Verdict.OK


def test_seek_check_quiet_playback_means_the_seek_was_fine() -> None:
    check = SeekCheck(patience_ms=2500)
    check.begin(10_000)
    check.played(2000)
    assert check.active
    check.played(600)
    assert not check.active


def test_seek_check_idle_judges_nothing() -> None:
    check = SeekCheck()
    assert check.judge(123, 456) is Verdict.WAIT
    check.played(10_000)
    assert not check.active


def test_clock_module_runs_without_qt_or_vlc() -> None:
    """Load clock.py on its own (bypassing ui/player/__init__, which needs Qt)
    in a fresh interpreter where Qt and vlc cannot be imported at all."""
    clock_py = Path(__file__).resolve().parents[3] / "ui" / "player" / "clock.py"
    code = (
        "import importlib.util, sys\n"
        "for name in ('PySide6', 'shiboken6', 'vlc'):\n"
        "    sys.modules[name] = None\n"
        f"spec = importlib.util.spec_from_file_location('standalone_clock', {str(clock_py)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "clock = module.SmoothClock(lambda: 0.0)\n"
        "clock.seek(1234)\n"
        "print(clock.position_ms())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1234"
