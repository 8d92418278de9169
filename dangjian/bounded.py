"""Run one piece of work in a forked child process under a hard time and memory limit.

A limit checked by Python code between steps cannot stop one long step in C (a `sum` of lists,
a `join` of gigabytes, squaring a huge integer). A child can be killed whatever it is doing, and
an address-space limit (RLIMIT_AS) makes an oversized allocation fail at once, so the parent
always gets control back within the bound. The child is a fork: it starts with everything the
parent has already loaded and built, so it costs a few milliseconds, not a fresh interpreter.

Where there is no fork (Windows) `available()` is False and callers run the work in-process
under their own checks. The work must return a picklable value; an exception it raises is
pickled back and raised again in the parent.
"""
from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import time
import warnings
from typing import Callable, TypeVar

__all__ = ["TooSlow", "TooBig", "ChildDied", "available", "run_bounded"]

T = TypeVar("T")

# The child's exit status when it ran out of memory before it could send its MemoryError back.
_OUT_OF_MEMORY = 75
# The child's exit status when it could not send its result (a pipe closed early, an unpicklable value).
_NOT_SENT = 70
# Signals a process dies of when an allocation fails in C code (abort(), a NULL dereference).
_ALLOCATION_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGABRT", "SIGSEGV", "SIGBUS")
                                if hasattr(signal, name))


class TooSlow(Exception):
    """The work ran past its time limit and was stopped."""


class TooBig(Exception):
    """The work needed more memory than its limit."""


class ChildDied(Exception):
    """The child ended without a result (a signal, an exit of its own); str(exc) says how, in English."""


def available() -> bool:
    """True where work can be run in a bounded child (POSIX with fork)."""
    return hasattr(os, "fork") and hasattr(os, "pipe")


def run_bounded(work: Callable[[], T], *, seconds: float, memory: int) -> T:
    """`work()` run in a forked child: its result, or its exception raised again here.

    Raises TooSlow when the child has not finished after `seconds` (it is killed), TooBig when it
    ran out of the `memory` bytes of address space it may add to what the parent has now, and
    ChildDied when it ended any other way without a result.
    """
    reader, writer = os.pipe()
    limit = _address_space()
    # The parent's objects out of the collector's sight: a collection in the child would otherwise
    # touch (and so copy) every page of the parent's heap.
    gc.freeze()
    pid = -1
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns about forking a threaded process; the child touches no other thread's locks.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    finally:
        if pid != 0:
            gc.unfreeze()
    if pid == 0:  # pragma: no cover — the child; coverage of a forked child is not collected
        os.close(reader)
        _child(work, writer, None if limit is None else limit + memory, seconds)
    os.close(writer)
    finished = False
    try:
        data = _read_until(reader, time.monotonic() + seconds)
        if data is None:
            raise TooSlow(f"stopped after {seconds} s")
        _, status = os.waitpid(pid, 0)
        finished = True
    finally:
        os.close(reader)
        if not finished:
            _kill(pid)
    if data:
        try:
            succeeded, value = pickle.loads(data)
        except Exception:  # cut short: the child was stopped while it wrote (its processor-time limit)
            succeeded, value = False, None
        if succeeded:
            return value
        if value is not None:
            raise value
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _OUT_OF_MEMORY \
            or os.WIFSIGNALED(status) and os.WTERMSIG(status) in _ALLOCATION_SIGNALS:
        raise TooBig(f"out of memory (limit {memory} bytes)")
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == getattr(signal, "SIGXCPU", None):
        raise TooSlow(f"stopped after {seconds} s of processor time")
    raise ChildDied(f"child ended without a result (wait status {status})")


def _child(work: Callable[[], object], writer: int, address_space: int | None, seconds: float) -> None:
    """Run `work` and send (succeeded, value) down `writer`; never returns into the parent's code."""
    status = 0
    try:
        import resource

        if address_space is not None:
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard == resource.RLIM_INFINITY or address_space < hard:
                resource.setrlimit(resource.RLIMIT_AS, (address_space, hard))
        # A second stop in case the parent is gone: processor time, a little past the wall bound.
        cpu = int(seconds) + 2
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard == resource.RLIM_INFINITY or cpu < hard:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))
        try:
            outcome = (True, work())
        except MemoryError:
            outcome = (False, TooBig("out of memory"))
        except BaseException as exc:  # sent back and raised again in the parent
            outcome = (False, exc)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            raise
        except Exception:  # an exception that does not pickle: its class name and words are enough
            error = outcome[1] if not outcome[0] else TypeError("result does not pickle")
            data = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view):]
    except MemoryError:
        status = _OUT_OF_MEMORY
    except BaseException:
        status = _NOT_SENT
    finally:
        os._exit(status)


def _read_until(reader: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe, or None when `deadline` comes first."""
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([reader], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(reader, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _address_space() -> int | None:
    """The process's address space now (Linux); None elsewhere (RLIMIT_AS is not enforced on macOS)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
