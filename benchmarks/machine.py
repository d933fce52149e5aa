"""The machine a benchmark ran on, in one line for its output."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> str:
    """CPU, cores, memory, Python and load: printed with every figure, since figures depend on them."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 0
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        load = "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        load = ""
    return (
        f"{cpu}, {cores} cores, {mem} memory, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}; {load}"
    )
