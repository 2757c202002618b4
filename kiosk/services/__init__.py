"""Use cases in pure Python (no Qt, no SQL): what the UI and the CLI call."""
