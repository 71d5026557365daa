"""Guards against a Qt binding that corrupts reference counts.

PySide6 6.12.0 on Python 3.11 ends a few hundred ``Signal.emit`` calls with
"Fatal Python error: bool_dealloc". The emission runs in a child process so a
bad upgrade fails this test loudly instead of killing the whole test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import gc
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Emitter(QObject):
        changed = Signal(object, bool, str, int)

    app = QCoreApplication([])
    emitter = Emitter()
    received = []
    emitter.changed.connect(lambda *args: received.append(args[1]))
    for n in range(10_000):
        emitter.changed.emit({"n": n}, n % 2 == 0, str(n), n)
        if n % 1000 == 0:
            gc.collect()
    assert len(received) == 10_000, len(received)
    assert received.count(True) == 5_000
    print("ok")
    """
)


def test_ten_thousand_signal_emissions_with_arguments_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
