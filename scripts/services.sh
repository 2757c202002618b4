#!/usr/bin/env bash
# Starts the real system services the tests talk to, if they are not running yet:
#   pcscd (with the vsmartcard virtual reader, which listens on TCP 35963/35964 for virtual cards)
#   cupsd with a cups-pdf queue named kiosk-pdf (PDFs land in /var/spool/cups-pdf/ANONYMOUS or ~/PDF)
# No systemd needed: both run in the background and live as long as the machine session.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! pgrep -x pcscd >/dev/null; then
  $SUDO mkdir -p /run/pcscd
  $SUDO sh -c 'nohup pcscd --foreground >/tmp/pcscd.log 2>&1 &'
  for _ in $(seq 50); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.1; done
fi

if ! pgrep -x cupsd >/dev/null; then
  $SUDO mkdir -p /run/cups
  $SUDO sh -c 'nohup cupsd -f >/tmp/cupsd.log 2>&1 &'
  for _ in $(seq 100); do lpstat -r >/dev/null 2>&1 && break; sleep 0.1; done
fi
if ! lpstat -p kiosk-pdf >/dev/null 2>&1; then
  $SUDO lpadmin -p kiosk-pdf -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
fi
echo "services: pcscd $(pgrep -x pcscd >/dev/null && echo up || echo DOWN), cupsd $(lpstat -r 2>/dev/null)"
