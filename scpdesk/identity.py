"""Who is acting on this computer: the operating-system account, asked of the OS itself.

Never from ``LOGNAME``/``USER``/``USERNAME``/``USERDOMAIN`` (anyone can set those, e.g.
``LOGNAME=the.director``), so never ``getpass.getuser``, which reads them first. On a shared server the
audit names the database's ``session_user`` instead, with this account beside it (services/registry.py).
No third-party imports (fast start).
"""

from __future__ import annotations

import os
import sys

UNKNOWN = "unknown"


def _windows_user() -> str:
    """``DOMAIN\\user`` from the logon token (GetUserNameExW, NameSamCompatible), else the plain name."""
    import ctypes
    from ctypes import wintypes

    name_sam_compatible = 2
    size = wintypes.ULONG(0)
    secur32 = ctypes.WinDLL("secur32", use_last_error=True)  # type: ignore[attr-defined]
    secur32.GetUserNameExW(name_sam_compatible, None, ctypes.byref(size))
    if size.value:
        buffer = ctypes.create_unicode_buffer(size.value + 1)
        if secur32.GetUserNameExW(name_sam_compatible, buffer, ctypes.byref(size)):
            return buffer.value
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    length = wintypes.DWORD(257)
    buffer = ctypes.create_unicode_buffer(length.value)
    if advapi32.GetUserNameW(buffer, ctypes.byref(length)):
        return buffer.value
    return UNKNOWN


def _posix_user() -> str:
    import pwd

    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # an account without a passwd entry (some containers): its number still identifies it
        return f"uid:{uid}"


def os_user() -> str:
    """The logged-on account as the OS knows it (on Windows with its domain, e.g. ``COUNCIL\\jsmith``)."""
    try:
        return _windows_user() if sys.platform == "win32" else _posix_user()
    except (OSError, AttributeError, ValueError):  # no account information in some service contexts
        return UNKNOWN
