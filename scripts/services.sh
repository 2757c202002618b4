#!/usr/bin/env bash
# Starts the real system services the tests talk to, if they are not running yet:
#   pcscd (with the vsmartcard virtual reader, which listens on TCP 35963/35964 for virtual cards)
#   cupsd with a cups-pdf queue named kiosk-pdf (PDFs land in /var/spool/cups-pdf/ANONYMOUS or ~/PDF)
# No systemd needed: both run in the background and live as long as the machine session.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# The virtual reader's driver listens on 35963 (0x8C7B) once pcscd has loaded it; read from
# /proc rather than by connecting, which pcscd would take for a card being inserted.
vpcd_listening() { grep -qi ':8C7B 00000000:0000 0A' /proc/net/tcp /proc/net/tcp6 2>/dev/null; }
start_pcscd() {
  $SUDO mkdir -p /run/pcscd
  # A daemon killed with its session leaves its socket behind: waiting for it would prove nothing.
  $SUDO rm -f /run/pcscd/pcscd.comm /run/pcscd/pcscd.pid
  $SUDO sh -c 'nohup pcscd --foreground >/tmp/pcscd.log 2>&1 &'
  for _ in $(seq 100); do [ -S /run/pcscd/pcscd.comm ] && vpcd_listening && break; sleep 0.1; done
}
if ! pgrep -x pcscd >/dev/null; then
  start_pcscd
elif ! vpcd_listening; then
  # Started before the virtual reader's driver was installed: it never loaded it.
  $SUDO pkill -x pcscd || true
  for _ in $(seq 50); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
  start_pcscd
fi
if [ ! -S /run/pcscd/pcscd.comm ] || ! vpcd_listening; then
  echo "services: pcscd with the virtual reader (vpcd, port 35963) did not start within 10 s;" \
       "its output follows" >&2
  cat /tmp/pcscd.log >&2 || true
  exit 1
fi

# `lpstat -r` exits 0 whether or not the scheduler runs, so readiness is read from what it prints.
cups_up() { [ "$(lpstat -r 2>/dev/null)" = "scheduler is running" ]; }
if ! pgrep -x cupsd >/dev/null; then
  $SUDO mkdir -p /run/cups
  # A scheduler killed with its session leaves its socket behind; clients would try it and fail.
  $SUDO rm -f /run/cups/cups.sock /run/cups/cupsd.pid
  $SUDO sh -c 'nohup cupsd -f >/tmp/cupsd.log 2>&1 &'
fi
for _ in $(seq 300); do cups_up && break; sleep 0.1; done
if ! cups_up; then
  echo "services: cupsd did not start within 30 s; its output and error log follow" >&2
  cat /tmp/cupsd.log >&2 || true
  tail -n 20 /var/log/cups/error_log >&2 || true
  exit 1
fi
if ! lpstat -p kiosk-pdf >/dev/null 2>&1; then
  $SUDO lpadmin -p kiosk-pdf -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
fi
echo "services: pcscd $(pgrep -x pcscd >/dev/null && echo up || echo DOWN), cupsd $(lpstat -r 2>/dev/null)"
