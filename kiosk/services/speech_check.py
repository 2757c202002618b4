"""Is there a voice that speaks Mandarin? Checks without Qt, for `kiosk doctor` and the UI.

speech-dispatcher is the engine Qt's speechd plugin talks to, and espeak-ng its Mandarin
voice ("cmn"). A daemon that accepts connections but never answers (it happens when its
audio output is missing) would block Qt's plugin forever, so the socket is probed first with
a short timeout, in plain SSIP.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

PROBE_TIMEOUT_S = 1.0


def speechd_socket() -> Path:
    """Where libspeechd looks for the daemon (SPEECHD_ADDRESS, then the runtime dir)."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return Path(address.split(":", 1)[1])
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path.home() / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def speechd_responds(timeout_s: float = PROBE_TIMEOUT_S) -> str:
    """"" when the daemon answers (or is absent and will be started on demand), else why not."""
    path = speechd_socket()
    if not path.exists():
        return "" if shutil.which("speech-dispatcher") else "speech-dispatcher is not installed"
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout_s)
            sock.connect(str(path))
            sock.sendall(b'SET SELF CLIENT_NAME "kiosk:probe:main"\r\n')
            answer = sock.recv(256)
            sock.sendall(b"QUIT\r\n")
    except TimeoutError:
        return f"the daemon at {path} does not answer (stuck? restart it)"
    except OSError as error:
        return "" if error.errno in (111, 2) else f"{path}: {error.strerror}"
    if not answer.startswith(b"2"):
        return f"unexpected answer {answer[:40]!r}"
    return ""


def mandarin_voice() -> str:
    """"" when espeak-ng has its Mandarin voice, else why not."""
    if not shutil.which("espeak-ng"):
        return "espeak-ng is not installed"
    try:
        listing = subprocess.run(["espeak-ng", "--voices=cmn"], capture_output=True, text=True,
                                 timeout=5, check=False).stdout
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"espeak-ng: {error}"
    return "" if " cmn " in listing else "espeak-ng has no Mandarin (cmn) voice"


def speech_results() -> list[tuple[str, str, str]]:
    """(name, status, detail) rows for the doctor; speech is optional, so problems warn."""
    rows = []
    problem = mandarin_voice()
    rows.append(("voice.mandarin", "warn" if problem else "ok",
                 problem or "espeak-ng Mandarin voice (cmn) installed"))
    if not shutil.which("speech-dispatcher"):
        rows.append(("voice.engine", "warn", "speech-dispatcher is not installed: the kiosk "
                     "runs silently (apt install speech-dispatcher speech-dispatcher-espeak-ng)"))
    else:
        problem = speechd_responds()
        rows.append(("voice.engine", "warn" if problem else "ok",
                     problem or "speech-dispatcher answers"))
    return rows
