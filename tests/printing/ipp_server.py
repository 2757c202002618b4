"""An IPP printer of the test's own: a private cupsd on 127.0.0.1 with one raw queue.

It stands for a network IPP printer (the IPP back end talks to a URI, not to the local CUPS),
and keeps experiments away from the shared system cupsd. Its own folders, its own port,
`DefaultAuthType None`, every operation allowed: what an office IPP printer answers.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

CUPSD_CONF = """LogLevel warn
Listen 127.0.0.1:{port}
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""
FILES_CONF = """SystemGroup root
ServerRoot {root}
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
TempDir {root}/tmp
ServerBin /usr/lib/cups
DataDir /usr/share/cups
FileDevice Yes
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateCupsd:
    def __init__(self, root: Path) -> None:
        self.root = root
        for sub in ("spool", "cache", "state", "log", "tmp", "ppd"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        (root / "cupsd.conf").write_text(CUPSD_CONF.format(port=self.port))
        (root / "cups-files.conf").write_text(FILES_CONF.format(root=root))
        self.process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while "scheduler is running" not in self.tool("lpstat", "-r").stdout:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise AssertionError(f"private cupsd did not start: {root / 'log'}")
            time.sleep(0.1)

    def tool(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "CUPS_SERVER": f"127.0.0.1:{self.port}", "LC_ALL": "C"}
        return subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=30)

    def add_queue(self, name: str) -> str:
        added = self.tool("lpadmin", "-p", name, "-E", "-v", "file:///dev/null", "-m", "raw")
        assert added.returncode == 0, added.stderr
        return f"ipp://127.0.0.1:{self.port}/printers/{name}"

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
