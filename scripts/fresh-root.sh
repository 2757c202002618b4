#!/usr/bin/env bash
# Proves the README on a fresh machine: builds a throwaway Debian 12 root with mmdebstrap
# (minbase: no Python, no Qt, no pcscd, no CUPS), clones this repository into it with nothing
# beside it, and runs the README's two commands there:
#   1. `QT_QPA_PLATFORM=offscreen scripts/demo.sh --smoke`, on the host's network (it installs
#      the system packages and the virtualenv from the package registries), then
#      `scripts/setup.sh --dev` for the test tools;
#   2. `scripts/test.sh` in a network namespace of its own (`unshare --net`, loopback only), so
#      its own pcscd and cupsd listen on the vpcd port and 631 beside the host's.
# Each stage runs in a private mount and pid namespace: the mounts and every daemon started in
# the root end with it. Usage, as root: scripts/fresh-root.sh [DIR] [-- PYTEST ARGS]
# (default DIR: a new folder under /var/tmp, deleted at the end unless KEEP_ROOT=1).
# Prints the seconds each stage took. Exit status: that of the first stage that failed, or 75
# when the root itself could not be made.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
SUITE="${SUITE:-bookworm}"
if [ "$(id -u)" -ne 0 ]; then echo "fresh-root: run as root (mmdebstrap, chroot, unshare)" >&2; exit 2; fi

ROOT=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then ROOT="$1"; shift; fi
if [ "${1:-}" = "--" ]; then shift; fi
if [ -z "$ROOT" ]; then ROOT="$(mktemp -d /var/tmp/kiosk-fresh-root.XXXXXX)"; rmdir "$ROOT"; fi
cleanup() {
  if [ "${KEEP_ROOT:-0}" = 1 ]; then echo "fresh-root: kept $ROOT"; return; fi
  # Everything was mounted inside private namespaces, so nothing of the host is below ROOT.
  rm -rf --one-file-system "$ROOT"
}
trap cleanup EXIT

# Exit status 75 (EX_TEMPFAIL) means the throwaway root could not be made (no mirror, no
# mmdebstrap): nothing about the project was tested. .ci/run then runs the suite on the host.
CANNOT_MAKE_ROOT=75
stage() { # [--infra] name, then the command; prints how long it took
  local infra=0
  if [ "$1" = --infra ]; then infra=1; shift; fi
  local name="$1" started=$SECONDS
  shift
  echo "== fresh-root: $name"
  if "$@"; then
    echo "== fresh-root: $name: $((SECONDS - started)) s"
  else
    local status=$?
    echo "== fresh-root: $name FAILED (exit $status) after $((SECONDS - started)) s"
    if [ "$infra" = 1 ]; then exit "$CANNOT_MAKE_ROOT"; fi
    exit "$status"
  fi
}

install_tools() {  # mmdebstrap; unshare and chroot (util-linux, coreutils); ip (iproute2)
  command -v mmdebstrap >/dev/null && command -v unshare >/dev/null \
    && command -v ip >/dev/null && return 0
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    mmdebstrap util-linux iproute2
}

# The host's apt sources (the same mirror as this machine), or Debian's default mirror.
sources() {
  for file in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    if [ -s "$file" ]; then echo "$file"; return; fi
  done
  echo "http://deb.debian.org/debian"
}

make_root() {
  if [ "${REUSE_ROOT:-0}" = 1 ] && [ -d "$ROOT/usr" ]; then  # iterating on this script
    rm -rf "$ROOT/src"
  else
    mmdebstrap --quiet --variant=minbase --include=ca-certificates \
      --aptopt='Acquire::Retries "3"' "$SUITE" "$ROOT" "$(sources)"
  fi
  # Package scripts must not start daemons on the host's network (cups, pcscd): refuse.
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
  # This machine's own certificate authorities (an egress proxy's, say): a fresh install of
  # the same site would have them too. update-ca-certificates in the root keeps them.
  if [ -n "$(ls -A /usr/local/share/ca-certificates 2>/dev/null)" ]; then
    cp -r /usr/local/share/ca-certificates/. "$ROOT/usr/local/share/ca-certificates/"
    cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
  fi
  # pip as this machine has it set up (its index mirror and wheel folders, bound in below).
  if [ -f /etc/pip.conf ]; then cp /etc/pip.conf "$ROOT/etc/pip.conf"; fi
  mkdir -p "$ROOT/src"
  git clone --quiet --no-hardlinks "$REPO" "$ROOT/src/village-kiosk"
}

# Folders of this machine the root may read or fill: the apt and pip download caches (only
# speed) and the local package mirrors that /etc/pip.conf names. Nothing of the checkout.
shared_folders() {
  echo /var/cache/apt/archives
  echo /root/.cache/pip
  if [ -f /etc/pip.conf ]; then
    grep -oE '(file://)?/[^ ]+' /etc/pip.conf | sed 's|^file://||' | while read -r path; do
      path="${path%/simple}"
      path="${path%/}"
      [ -d "$path" ] && echo "$path"
    done
  fi
  return 0
}

# Runs "$@" (a shell snippet) chrooted in ROOT, inside new mount and pid namespaces, with
# /proc, /sys, /dev and the shared folders mounted; with NET=own also in a new network namespace
# with only loopback.
in_root() {
  local snippet="$1" net_flag=()
  if [ "${NET:-host}" = own ]; then net_flag=(--net); fi
  local binds=""
  while read -r folder; do
    mkdir -p "$folder" "$ROOT$folder"
    binds+="mount --bind '$folder' '$ROOT$folder'; "
  done < <(shared_folders)
  unshare --mount --pid --fork --propagation private "${net_flag[@]}" bash -euo pipefail -c "
    if [ '${NET:-host}' = own ]; then ip link set lo up; fi
    mount -t proc proc '$ROOT/proc'
    mount -t sysfs sysfs '$ROOT/sys'
    mount --rbind /dev '$ROOT/dev'
    mount -t tmpfs tmpfs '$ROOT/tmp'
    mount -t tmpfs tmpfs '$ROOT/run'
    $binds
    exec chroot '$ROOT' /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      LANG=C.UTF-8 CI=\"\${CI:-}\" TERM=dumb bash -euo pipefail -c 'cd /src/village-kiosk; $snippet'"
}

pytest_args=""
for arg in "$@"; do pytest_args+=" $(printf '%q' "$arg")"; done

total=$SECONDS
stage --infra "tools on the host (mmdebstrap)" install_tools
stage --infra "debootstrap a minimal $SUITE root (mmdebstrap)" make_root
stage "README: QT_QPA_PLATFORM=offscreen scripts/demo.sh --smoke" \
  in_root 'QT_QPA_PLATFORM=offscreen scripts/demo.sh --smoke'
stage "scripts/setup.sh --dev (the test tools)" in_root 'scripts/setup.sh --dev'
NET=own stage "README: scripts/test.sh (own network namespace)" \
  in_root "scripts/test.sh$pytest_args"
echo "== fresh-root: all stages passed in $((SECONDS - total)) s"
