"""Stopping on SIGINT/SIGTERM, the same for polling and the webhook server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_signals(first: Callable[[], None]) -> Iterator[None]:
    """While inside: the first signal calls `first` (finish what is in progress, then stop);
    a second one (an impatient Ctrl-C) cancels the running task."""
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    received = 0

    def on_signal() -> None:
        nonlocal received
        received += 1
        if received == 1:
            first()
        elif main is not None:
            log.warning("second signal: stopping without waiting")
            main.cancel()

    for sig in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(sig, on_signal)
    try:
        yield
    finally:
        for sig in STOP_SIGNALS:
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(sig)
