"""Peak memory of a command and everything it starts: the summed PSS of its process tree.

A build forks render workers and runs the Pagefind binary, so the memory of the one process started
says little. Every `interval` seconds (0.25 by default) this lists the command's process tree from
/proc and sums each process's PSS (the `Pss:` line of /proc/<pid>/smaps_rollup): proportional set
size charges a page shared by several processes (as after a fork) to each of them in equal parts, so
the sum is what the tree really holds, where summing RSS would count shared pages once per process.
It keeps the highest total seen, when it was seen, and the highest sum per process name (`python`
for the build and its workers, `pagefind...` for the indexer).

Files in /dev/shm are memory too, but no process's PSS counts them (the build writes its search
documents there when it has room: about 10 KB a claim). Each sample adds what /dev/shm holds beyond
what it held when the command started, under the name `/dev/shm`; another program writing there
meanwhile (a browser) would be counted too, so run this alone.

Linux only (/proc). A process that lives less than one interval can be missed, and the true peak
can fall between two samples: the figures are a lower bound, close for anything lasting seconds.

    .venv/bin/python benchmarks/peak_memory.py -- .venv/bin/factcheck build --no-search

Library use: `run(command, **popen_kwargs)` gives a `Peak` and the command's output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


@dataclass
class Sample:
    seconds: float  # since the command started
    total: int  # bytes of PSS, the whole tree
    by_name: dict[str, int]  # bytes of PSS per process name
    processes: int  # processes in the tree


@dataclass
class Peak:
    total: int = 0  # highest summed PSS of the tree, bytes
    at: float = 0.0  # seconds after the start when it was seen
    by_name: dict[str, int] = field(default_factory=dict)  # highest sum per process name, bytes
    processes: int = 0  # most processes seen in the tree at once
    wall: float = 0.0  # seconds the command ran
    returncode: int | None = None
    samples: list[Sample] = field(default_factory=list)


def children() -> dict[int, list[int]]:
    """Parent pid -> its child pids, for every process now on the machine."""
    out: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # exited meanwhile
            continue
        # Field 4 is the parent; the name (field 2) is in parentheses and may hold spaces or ')'.
        ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        out.setdefault(ppid, []).append(int(entry.name))
    return out


def tree(root: int) -> list[int]:
    """`root` and every process descended from it."""
    kids = children()
    out = [root]
    for pid in out:  # grows while it is walked: breadth first
        out.extend(kids.get(pid, ()))
    return out


def pss(pid: int) -> int:
    """The process's proportional set size in bytes; 0 if it is gone or unreadable."""
    try:
        with open(PROC / str(pid) / "smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024  # kB
    except (OSError, ValueError):
        pass
    return 0


def name(pid: int) -> str:
    """The process's command name, with a Python version dropped (`python3.11` -> `python`)."""
    try:
        comm = (PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return "?"
    return re.sub(r"^(python)[\d.]*$", r"\1", comm)


SHM = Path("/dev/shm")


def shm_used() -> int:
    """Bytes the files in /dev/shm hold (0 where there is none)."""
    try:
        usage = shutil.disk_usage(SHM)
    except OSError:
        return 0
    return usage.total - usage.free


def sample(root: int, start: float, shm_before: int = 0) -> Sample:
    pids = tree(root)
    by_name: dict[str, int] = {}
    for pid in pids:
        size = pss(pid)
        if size:
            key = name(pid)
            by_name[key] = by_name.get(key, 0) + size
    shm = shm_used() - shm_before
    if shm > 0:
        by_name[str(SHM)] = shm
    return Sample(time.perf_counter() - start, sum(by_name.values()), by_name, len(pids))


def run(
    command: list[str], *, interval: float = 0.25, check: bool = False, **popen_kwargs
) -> tuple[Peak, subprocess.CompletedProcess]:
    """Run `command` to its end, sampling its tree's PSS every `interval` seconds.

    `popen_kwargs` go to subprocess.Popen (cwd, stdout=subprocess.PIPE, text=True...): piped output
    is read while the command runs, so a chatty command never blocks on a full pipe. With `check`,
    a non-zero exit raises subprocess.CalledProcessError, like subprocess.run.
    """
    peak = Peak()
    start = time.perf_counter()
    shm_before = shm_used()
    with subprocess.Popen(command, **popen_kwargs) as proc:
        while True:
            now = sample(proc.pid, start, shm_before)
            peak.samples.append(now)
            peak.processes = max(peak.processes, now.processes)
            if now.total > peak.total:
                peak.total, peak.at = now.total, now.seconds
            for key, size in now.by_name.items():
                peak.by_name[key] = max(peak.by_name.get(key, 0), size)
            try:
                out, err = proc.communicate(timeout=interval)
                break
            except subprocess.TimeoutExpired:
                continue
    peak.wall = time.perf_counter() - start
    peak.returncode = proc.returncode
    done = subprocess.CompletedProcess(command, proc.returncode, out, err)
    if check:
        done.check_returncode()
    return peak, done


def gb(size: int) -> str:
    return f"{size / 1e9:.2f} GB"


def describe(peak: Peak) -> str:
    """One line: the peak, when, and the peak per process name."""
    names = ", ".join(
        f"{key} {gb(size)}" for key, size in sorted(peak.by_name.items(), key=lambda kv: -kv[1])
    )
    return (
        f"peak PSS {gb(peak.total)} at {peak.at:.1f} s of {peak.wall:.1f} s "
        f"(by process name, each at its own peak: {names or 'none seen'}; "
        f"up to {peak.processes} processes)"
    )


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    peak, done = run(argv)
    print(describe(peak), file=sys.stderr)
    step = max(1, len(peak.samples) // 25)  # a timeline of about 25 samples
    for s in peak.samples[::step]:
        parts = " ".join(f"{k}={gb(v)}" for k, v in sorted(s.by_name.items()))
        print(f"  {s.seconds:7.1f} s  {gb(s.total):>8}  {parts}", file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
