#!/usr/bin/env python3
"""Checks that healthlint's time and memory grow linearly with the size of adversarial inputs.

    scripts/linearity.py [--bin PATH] [--size BYTES] [--ratio R] [--timeout SECONDS] [NAME ...]

For each input of scripts/adversarial.py (all of them, or the NAMEs given) it runs the binary on
the input at SIZE and at 4×SIZE, as Markdown and as text, and fails when 4× the input costs more
than R× the time (default 5, plus a fixed allowance for start-up noise), more than R× the peak
memory above the process's baseline, or when a run crashes (exit code other than 0, 1) or passes
the timeout. A pair over the ratio is measured twice more and judged on each size's fastest run,
so one slow run on a busy machine does not fail it. Time is CPU time (user + system), which a busy machine disturbs less than wall
time. It prints one line per run: seconds, MB/s and peak memory, so the same script gives
the figures for the table in issue 13.

Needs GNU time (/usr/bin/time) for peak memory; without it only time is checked.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "adversarial.py")
GNU_TIME = "/usr/bin/time"
# Start-up and rule compilation cost the same at every size; differences below these are noise.
SLACK_SECONDS = 0.15
SLACK_KB = 8 * 1024
# Extra measurements of a pair that first looks superlinear.
RETRIES = 2


def names():
    out = subprocess.run(
        [sys.executable, GENERATOR, "--list"], check=True, capture_output=True, text=True
    )
    return out.stdout.split()


def run(binary, path, timeout):
    """(seconds, peak KB or None, exit code) of one run of `healthlint check path`."""
    cmd = [binary, "check", "--isolated", "--format", "json", path]
    has_time = os.access(GNU_TIME, os.X_OK)
    if has_time:
        cmd = [GNU_TIME, "-f", "%U %S %M"] + cmd
    started = time.monotonic()
    # Its own process group, so that a timeout kills healthlint and not only GNU time.
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return timeout, None, "timeout"
    elapsed = time.monotonic() - started
    peak = None
    if has_time:
        last = stderr.decode(errors="replace").strip().splitlines()[-1:]
        match = re.fullmatch(r"([\d.]+) ([\d.]+) (\d+)", last[0]) if last else None
        if match:
            # CPU time (user + system): on a shared machine, wall time measures the neighbours.
            elapsed = float(match.group(1)) + float(match.group(2))
            peak = int(match.group(3))
        # GNU time reports a signal as "Command terminated by signal N" before its line.
        if b"terminated by signal" in stderr:
            return elapsed, peak, "signal"
    return elapsed, peak, proc.returncode


def measure(binary, path, timeout, failures):
    """Runs once on `path`, prints the line for the table and notes a crash; (seconds, peak KB)."""
    actual = os.path.getsize(path)
    seconds, peak, code = run(binary, path, timeout)
    rate = actual / 1e6 / max(seconds, 1e-3)
    shown_peak = f"{peak / 1024:7.1f} MB" if peak else "      ?"
    name, ext = os.path.basename(path).rsplit(".", 1)
    print(
        f"{name.rsplit('-', 1)[0]:24} {ext:3} {actual / 1e6:6.2f} MB {seconds:7.2f} s "
        f"{rate:7.2f} MB/s {shown_peak}  exit {code}",
        flush=True,
    )
    if code not in (0, 1):
        failures.append(f"{name}.{ext} at {actual} bytes: exit {code}")
    return seconds, peak


def within(results, ratio):
    """Whether 4x the input stayed within `ratio` times the time and memory of 1x."""
    (t1, m1), (t4, m4) = results
    time_ok = t4 <= ratio * t1 + SLACK_SECONDS
    memory_ok = not (m1 and m4) or m4 <= ratio * m1 + SLACK_KB
    return time_ok and memory_ok


def min_known(a, b):
    """The smaller of two peak memories, either of which may be unknown (None)."""
    known = [m for m in (a, b) if m]
    return min(known) if known else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "healthlint"))
    parser.add_argument("--size", type=int, default=256 * 1024)
    parser.add_argument("--ratio", type=float, default=5.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    chosen = args.names or names()
    failures = []
    work = tempfile.mkdtemp(prefix="healthlint-linearity-")
    try:
        for name in chosen:
            for ext in ("md", "txt"):
                paths = []
                for size in (args.size, 4 * args.size):
                    path = os.path.join(work, f"{name}-{size}.{ext}")
                    subprocess.run([sys.executable, GENERATOR, name, str(size), path], check=True)
                    paths.append(path)
                results = [measure(args.bin, path, args.timeout, failures) for path in paths]
                # A neighbour's burst can slow one run; a pair over the ratio is measured twice
                # more and judged on each size's fastest run, which noise cannot make faster.
                for _ in range(RETRIES):
                    if within(results, args.ratio):
                        break
                    again = [measure(args.bin, path, args.timeout, failures) for path in paths]
                    results = [
                        (min(old[0], new[0]), min_known(old[1], new[1]))
                        for old, new in zip(results, again)
                    ]
                for path in paths:
                    os.remove(path)
                (t1, m1), (t4, m4) = results
                if t4 > args.ratio * t1 + SLACK_SECONDS:
                    failures.append(f"{name}.{ext}: time {t1:.2f} s -> {t4:.2f} s for 4x the input")
                if m1 and m4 and m4 > args.ratio * m1 + SLACK_KB:
                    failures.append(f"{name}.{ext}: memory {m1} KB -> {m4} KB for 4x the input")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print(f"NOT LINEAR OR CRASHED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
