"""A call made in a forked child: its result comes back, its memory does not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.child import call_in_child

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux")


def _pid_and(value):
    return os.getpid(), value


PIDS = """
import os
from generator.child import call_in_child

def pid_and(value):
    return os.getpid(), value

pid, value = call_in_child(pid_and, {"claims": [1, 2, 3]})
print(pid != os.getpid(), value)
"""


def test_the_result_comes_back_from_another_process():
    # In a fresh interpreter: threads that other tests leave running here make the call stay here.
    done = subprocess.run(
        [sys.executable, "-c", PIDS], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "True {'claims': [1, 2, 3]}"


GONE = """
import os
from generator.child import call_in_child

class Unpacked:
    def __getstate__(self):  # in the child, as it sends the result
        return os.getpid()

    def __setstate__(self, pid):  # here, as the result is unpacked
        self.from_child = pid != os.getpid()
        self.child_still_there = os.path.exists(f"/proc/{pid}")

def make():
    return Unpacked()

result = call_in_child(make)
print(result.from_child, result.child_still_there)
"""


def test_the_child_is_gone_before_its_result_is_unpacked():
    # Unpacking beside a live child held both processes' memory at once: the build's peak.
    done = subprocess.run(
        [sys.executable, "-c", GONE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "True False"


WHILE_WRITING = """
import os
from generator.child import call_in_child

def parent_rss_kib():
    status = open(f"/proc/{os.getppid()}/status").read()
    return int(status.split("VmRSS:")[1].split()[0])

class Chunk:
    def __init__(self, measured):
        self.measured = measured

    def __getstate__(self):  # in the child, one chunk after another as the answer is written
        rss = parent_rss_kib() if self.measured else None
        return self.measured, rss, os.urandom(4 << 20)

    def __setstate__(self, state):
        self.measured, self.rss, _ = state

def make():  # the parent is measured as the first and as the last of 50 chunks is written
    return [Chunk(measured=n in (0, 49)) for n in range(50)]

chunks = call_in_child(make)
print(chunks[-1].rss - chunks[0].rss)
"""


def test_the_answer_waits_outside_this_process_while_the_child_writes_it():
    # Read from a pipe, 200 MB of answer piled up here beside the child still holding its memory.
    done = subprocess.run(
        [sys.executable, "-c", WHILE_WRITING], capture_output=True, text=True, check=True, cwd=ROOT
    )
    grew_kib = int(done.stdout)
    assert grew_kib < 40_000, f"this process grew by {grew_kib} KiB while the child wrote 200 MB"


def _fail(message):
    raise ValueError(message)


def test_an_exception_in_the_child_is_raised_here():
    with pytest.raises(ValueError, match="claims/x.yaml: broken"):
        call_in_child(_fail, "claims/x.yaml: broken")


def _die_unless(parent):
    if os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
    return "done here"


def test_a_child_that_dies_makes_the_call_run_here():
    assert call_in_child(_die_unless, os.getpid()) == "done here"


def _unpicklable():
    return lambda: "made here"


def test_a_result_that_cannot_be_sent_is_made_here():
    assert call_in_child(_unpicklable)() == "made here"


PEAK = """
import sys
from generator.child import call_in_child

def heavy(count):
    scaffolding = [str(n) * 3 for n in range(count)]  # ~100 MB of small objects, freed on return
    return len(scaffolding)

call = call_in_child if sys.argv[1] == "child" else lambda f, *a: f(*a)
assert call(heavy, 1_500_000) == 1_500_000
# This process's own peak (ru_maxrss would also count the process it was exec'ed from).
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def _peak_kib(how: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, how], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return int(done.stdout)


def test_the_childs_memory_stays_in_the_child():
    here, in_child = _peak_kib("here"), _peak_kib("child")
    assert here - in_child > 60_000, f"peak {in_child} KiB with a child, {here} KiB without"


def test_with_other_threads_running_the_call_runs_here():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pid, _ = call_in_child(_pid_and, None)
    finally:
        stop.set()
        thread.join()
    assert pid == os.getpid()
