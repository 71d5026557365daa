"""Before Qt starts: is there a screen to open windows on?

Without one Qt aborts (exit 134) with its own message about platform
plugins; this says in a plain sentence what is missing and what to do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Mapping

#: Qt platforms that need no display server
HEADLESS = {"offscreen", "minimal", "minimalegl", "eglfs", "linuxfb", "vnc", "vkkhrdisplay"}
#: system libraries Qt's X11 plugin loads, and the Debian/Ubuntu package of each
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
}
WHAT_TO_DO = (
    "Start it from a desktop session; on a machine without a screen, "
    "--screenshot PATH renders the windows to image files, "
    "or run it under a virtual display (xvfb-run coprod-workshop)."
)


def display_problem(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> str | None:
    """A plain sentence saying why no window can open, or None if one can."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    requested = {
        name.split(":")[0].strip() for name in environ.get("QT_QPA_PLATFORM", "").split(";")
    } - {""}
    if requested & HEADLESS or (requested and "xcb" not in requested):
        return None  # a headless platform, or Wayland / another one Qt reports on itself
    if not requested and environ.get("WAYLAND_DISPLAY"):
        return None
    display = environ.get("DISPLAY", "")
    if not display:
        return f"No display was found (DISPLAY is not set), so no window can open. {WHAT_TO_DO}"
    if not _x_server_answers(display):
        return f"The display {display} could not be reached, so no window can open. {WHAT_TO_DO}"
    missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if not ctypes.util.find_library(lib)]
    if missing:
        return (
            "Qt needs system libraries that are not installed to open windows: "
            f"{', '.join(missing)} (Debian/Ubuntu: sudo apt-get install {' '.join(missing)})."
        )
    return None


def _x_server_answers(display: str) -> bool:
    name = ctypes.util.find_library("xcb")
    if name is None:
        return True  # cannot ask without libxcb; Qt will say what it finds
    xcb = ctypes.CDLL(name)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return connection is not None and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection is not None:
            xcb.xcb_disconnect(connection)


def quiet_about_size_hints() -> None:
    """Offscreen there is no window manager to tell a window's size limits to; Qt
    warns each time a window's minimum size changes. Only that warning is dropped."""
    from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

    def handler(kind: QtMsgType, context: object, text: str) -> None:
        if text != "This plugin does not support propagateSizeHints()":
            print(qFormatLogMessage(kind, context, text), file=sys.stderr)  # type: ignore[arg-type]

    qInstallMessageHandler(handler)
