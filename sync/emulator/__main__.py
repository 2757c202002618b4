"""`python -m sync.emulator --host 127.0.0.1 --port N --data DIR [--seed DIR] [faults...]`."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from sync.emulator.faults import Faults
from sync.emulator.server import ProvinceServer
from sync.emulator.store import EmulatorStore


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sync.emulator",
                                     description="Province platform emulator (contract v1).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--data", required=True, type=Path, help="folder of its SQLite file")
    parser.add_argument("--seed", type=Path, help="folder written by `kiosk demo --export`")
    parser.add_argument("--prefix", default="", help="base path, e.g. /vt")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of 5xx/429 answers")
    parser.add_argument("--drop-rate", type=float, default=0.0,
                        help="share of connections dropped before any work")
    parser.add_argument("--commit-drop-rate", type=float, default=0.0,
                        help="share of requests committed, then dropped without an answer")
    parser.add_argument("--stall-rate", type=float, default=0.0)
    parser.add_argument("--stall-s", type=float, default=0.0, help="length of a stall")
    parser.add_argument("--latency-s", type=float, default=0.0)
    parser.add_argument("--blob-latency-s", type=float, default=0.0)
    parser.add_argument("--after-commit-s", type=float, default=0.0)
    parser.add_argument("--retry-after", default="", help="Retry-After value on 429/503")
    parser.add_argument("--clock-skew-s", type=float, default=0.0)
    parser.add_argument("--tamper", action="append", default=[], metavar="DISCLOSURE_ID")
    parser.add_argument("--tamper-rate", type=float, default=0.0)
    parser.add_argument("--expire-cursors", action="store_true",
                        help="at start, expire every cursor handed out before")
    parser.add_argument("--random-seed", type=int)
    parser.add_argument("--port-file", type=Path, help="write the bound port here when ready")
    parser.add_argument("--reply", nargs=2, metavar=("FEEDBACK_ID", "TEXT"),
                        help="answer one feedback in the data folder's store and exit (the "
                        "running emulator serves the reply in feedback_replies)")
    parser.add_argument("--replied-by", default="镇便民服务中心", help="who answers, with --reply")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    store = EmulatorStore(args.data / "province.sqlite3")
    if args.reply:
        return _reply(store, args.reply[0], args.reply[1], args.replied_by)
    if args.seed:
        store.load_seed(args.seed)
    if args.expire_cursors:
        store.expire_cursors()
    faults = Faults(
        error_rate=args.error_rate, drop_rate=args.drop_rate,
        commit_drop_rate=args.commit_drop_rate, stall_rate=args.stall_rate, stall_s=args.stall_s,
        latency_s=args.latency_s, blob_latency_s=args.blob_latency_s,
        after_commit_s=args.after_commit_s, retry_after=args.retry_after,
        clock_skew_s=args.clock_skew_s, tamper_ids=list(args.tamper),
        tamper_rate=args.tamper_rate, seed=args.random_seed,
    )
    server = ProvinceServer((args.host, args.port), store, faults, args.prefix)
    port = server.server_address[1]
    if args.port_file:
        temporary = args.port_file.with_suffix(".tmp")
        temporary.write_text(str(port))
        temporary.replace(args.port_file)
    print(json.dumps({"listening": f"http://{args.host}:{port}{args.prefix}"}), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever(poll_interval=0.1)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
    return 0


def _reply(store: EmulatorStore, feedback_id: str, text: str, replied_by: str) -> int:
    import time

    from sync.emulator.voice import post_reply
    from sync.signing import rfc3339

    if not post_reply(store, feedback_id, text, at=rfc3339(time.time()), replied_by=replied_by):
        print(f"no feedback {feedback_id} has arrived", file=sys.stderr)
        return 1
    print(json.dumps({"replied": feedback_id}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
