"""The `kiosk` command: one entry point, a subcommand per admin task.

Each subcommand lives in its own module under `kiosk.commands` with a `register(subparsers)`
function; this module only builds the parser and turns `KioskError`s into a clear message and
an exit code. Command modules import their heavy dependencies inside their handlers, so
`kiosk --help` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.collector import tune_collector
from kiosk.commands import modules_for
from kiosk.context import Context
from kiosk.errors import KioskError


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Village service terminal (村级便民服务终端): kiosk, admin and clerk tools.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="data folder (default: $KIOSK_DATA_DIR or the platform data folder)")
    parser.add_argument("--config", metavar="FILE",
                        help="configuration file (default: $KIOSK_CONFIG or the platform one)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in modules_for(argv):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    tune_collector()
    parser = build_parser(words)
    args = parser.parse_args(words)
    context = Context.from_args(args)
    try:
        result = args.handler(context, args)
    except KioskError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kiosk ... | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        explained = explain_os_error(error)
        if explained is None:
            print(f"kiosk: {_save_crash_message(context)}", file=sys.stderr)
            return 70
        print(f"kiosk: {explained}", file=sys.stderr)
        return 4
    except Exception:  # a bug, not bad input: keep the details in a file, not on the screen
        print(f"kiosk: {_save_crash_message(context)}", file=sys.stderr)
        return 70
    finally:
        context.close()
    return int(result or 0)


def explain_os_error(error: OSError) -> str | None:
    """A file-system refusal in words an admin can act on; None for anything else."""
    import errno

    where = error.filename or "the data folder"
    if error.errno == errno.ENOSPC:
        return f"磁盘已满 / the disk is full while writing {where}. Free some space and retry."
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"无法写入 / cannot write {where}: {error.strerror}. Check the folder's "
                "permissions and that the disk is not read-only, or choose another --data-dir.")
    return None


def _save_crash_message(context: Context) -> str:
    report = _save_crash_report(context)
    return (f"程序内部错误 / internal error; details saved in {report}. Nothing already saved "
            "was lost. Please send that file to support.")


def _save_crash_report(context: Context) -> str:
    import tempfile
    import time
    import traceback
    from pathlib import Path

    text = traceback.format_exc()
    for folder in (context.paths.logs, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.log"
            path.write_text(text, encoding="utf-8")
            return str(path)
        except OSError:
            continue
    return "(no writable folder)"
