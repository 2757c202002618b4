"""A province emulator: the server side of the contract on its own SQLite, with fault injection.

Run it with `python -m sync.emulator --host 127.0.0.1 --port 8765 --data DIR [--seed DIR]`.
It is a test and demo tool, built from the contract text (docs/contract/province-api.md),
never imported by the terminal's sync engine.
"""
