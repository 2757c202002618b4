"""Named schema migrations, one module per area; `kiosk.storage.migrations` lists them in order."""
