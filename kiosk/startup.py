"""How long this process has been alive, measured from the kernel's own start time.

Used by `kiosk run --smoke` to report start-up to first frame including interpreter start-up
and imports, which a timer started in Python would miss.
"""

from __future__ import annotations

import os
import time


def seconds_since_process_start() -> float:
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of the full line: starttime in clock ticks
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.process_time()  # not Linux: CPU time is the best available proxy
