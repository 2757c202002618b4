"""`python -m kiosk` and the frozen program's entry point."""

from kiosk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
