"""Run one call in a forked child with a time and memory bound: for PDFium.

Why: PDFium's calls cannot be interrupted in-process. `msglint.budget` stops Python code
with SIGALRM, but a signal handler runs only when the interpreter gets control back, and
one `FPDF_LoadPage` or `FPDFText_LoadPage` on a page built to stall readers runs for as
long as the page asks: a 28 KB PDF with a million text operators in one page takes 2.4 s
in those two calls on this project's machine, and the time grows linearly with the
operators (a 1 MB file: minutes). A crash in C code (a damaged file hitting a PDFium bug)
would take the whole worker with it. In a child process both are bounded: the parent
waits at most `seconds` and kills the child; a crash or an allocation past the memory
bound ends only the child; either way the file gets a source error naming the reason and
every other document is still checked.

Options measured (README, "Documents", "A time bound per PDF"): reading a 10-page PDF in a
persistent helper child costs about what reading it in-process does (98-110 ms against
102-108 ms, within the noise of a shared 2-core machine; a fresh fork per PDF cost 55-65 ms
more, most of it the fork of a worker that has spaCy loaded, and pickling `Line`
dataclasses 2.5x what tuples cost); page-count caps (`MAX_PAGES`) bound the number of
pages but not one page's cost; pypdf as a fallback is pure Python (so SIGALRM could stop
it) but 5-27x slower, reads columns and tables worse, and was 19x slower on the stalling
page (an 8.8 KB PDF of 300,000 text operators: PDFium 4.6 s, pypdf 88 s). So every PDF is
read in one helper child per process, forked on first use and forked again after it was
stopped, where `os.fork` exists (POSIX); on Windows, without fork or SIGALRM, PDFs are
read in-process, unbounded, as before.

`os.fork` rather than `multiprocessing`: the engine's pool workers are daemonic, and a
daemonic process may not start `multiprocessing` children; a bare fork has no such rule.
Requests and results are length-prefixed pickles on two pipes; the child leaves with
`os._exit` when the parent closes its pipe (or exits), so no helper outlives its parent.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: Address space a child may grow by (bytes) beyond what it inherits: a PDF page needing
#: more than this is hostile or broken.
MAX_MEMORY = 1024 * 1024 * 1024
_CHUNK = 1 << 20


class Stopped(Exception):
    """The child ran out of time, out of memory, or died; the message says which."""


def can_isolate() -> bool:
    return hasattr(os, "fork")


class _Helper:
    """A forked child that runs calls sent to it, one at a time, until it is killed."""

    def __init__(self) -> None:
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        self.owner = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            os.close(self.to_child)
            os.close(self.from_child)
            _serve(to_child_r, from_child_w)
        os.close(to_child_r)
        os.close(from_child_w)
        self.reaped = False

    def close(self) -> None:
        for fd in (self.to_child, self.from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.owner == os.getpid() and not self.reaped:
            _kill(self.pid)
            self.reaped = True


_helper: _Helper | None = None


def call(work: Callable[..., T], args: tuple[Any, ...], seconds: float | None, what: str) -> T:
    """`work(*args)` in the helper child, its result pickled back; at most `seconds` (None:
    no limit). `work` must be a module-level function (it is sent by name). Exceptions it
    raises are raised here again; running out of time or memory, or the child dying,
    raises `Stopped`, and the next call starts a new child. `what` names the work in
    messages ("reading the PDF")."""
    global _helper
    if _helper is not None and _helper.owner != os.getpid():
        _helper.close()  # inherited from the process this one was forked from: not ours
        _helper = None
    request = pickle.dumps((work, args), protocol=pickle.HIGHEST_PROTOCOL)
    deadline = None if seconds is None else time.monotonic() + seconds
    for attempt in (1, 2):
        if _helper is None:
            _helper = _Helper()
        helper = _helper
        ok = False
        try:
            try:
                _send(helper.to_child, request)
            except BrokenPipeError:  # the child died after its last call: start another
                if attempt == 2:
                    raise
                continue
            kind, value = _receive(helper, deadline, seconds, what)
            ok = kind != "died"
        finally:
            if not ok:  # out of time, dead, or the caller's own budget ran out meanwhile
                helper.close()
                _helper = None
        return _result(kind, value, what)
    raise Stopped(f"{what} failed (the reader could not be started)")


def _send(fd: int, payload: bytes) -> None:
    view = memoryview(len(payload).to_bytes(8, "little") + payload)
    while view:
        view = view[os.write(fd, view[:_CHUNK]) :]


def _read_exactly(fd: int, size: int, deadline: float | None, on_timeout: str) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            raise Stopped(on_timeout)
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            continue
        chunk = os.read(fd, min(left, _CHUNK))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _receive(
    helper: _Helper, deadline: float | None, seconds: float | None, what: str
) -> tuple[str, Any]:
    timeout = (
        f"{what} took longer than {seconds:g} s and was stopped (the file may be built to "
        "stall readers)"
    )
    try:
        size = int.from_bytes(_read_exactly(helper.from_child, 8, deadline, timeout), "little")
        kind, value = pickle.loads(_read_exactly(helper.from_child, size, deadline, timeout))
    except EOFError:  # the child died
        _, status = os.waitpid(helper.pid, 0)
        helper.reaped = True
        return "died", status
    return kind, value


def _serve(read_fd: int, write_fd: int) -> None:
    code = 0
    try:
        _close_inherited(read_fd, write_fd)
        signal.setitimer(signal.ITIMER_REAL, 0)  # the parent's budget timer is the parent's
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        faulthandler.disable()  # a crash is reported by the parent, as the file's reason
        _limit_memory()
        while True:
            try:
                size = int.from_bytes(_read_exactly(read_fd, 8, None, ""), "little")
                work, args = pickle.loads(_read_exactly(read_fd, size, None, ""))
            except EOFError:
                break  # the parent closed the pipe or exited
            try:
                payload = pickle.dumps(("ok", work(*args)), protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                payload = pickle.dumps(("memory", None))
            except Exception as exc:
                try:
                    payload = pickle.dumps(("raise", exc))
                except Exception:
                    payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
            _send(write_fd, payload)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _close_inherited(*keep: int) -> None:
    """Close every descriptor the fork copied but the two pipes (and 0-2): a pipe the parent
    holds to another child (Playwright's driver, when a PDF is read during a crawl with
    `render: browser`) would otherwise stay open here, and that child, waiting for its end
    of file, would never exit; the parent's exit then waited on it for ever."""
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, _max_fd())


def _max_fd() -> int:
    try:
        return min(os.sysconf("SC_OPEN_MAX"), 1 << 20)
    except (OSError, ValueError):
        return 4096


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[0])
        inherited = pages * os.sysconf("SC_PAGE_SIZE")
        limit = inherited + MAX_MEMORY
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc (macOS) or no rlimits: the time bound still holds


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _result(kind: str, value: Any, what: str) -> Any:
    if kind == "ok":
        return value
    if kind == "raise":
        raise value
    if kind == "memory":
        raise Stopped(f"{what} needed more than {MAX_MEMORY // 2**20:,} MB of memory")
    if kind == "died":
        status = value
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = str(sig)
            raise Stopped(
                f"{what} crashed the reader ({name}); the file is damaged or built to break readers"
            )
        raise Stopped(f"{what} failed (the reader exited with status {os.WEXITSTATUS(status)})")
    raise Stopped(f"{what} failed: {value}")
