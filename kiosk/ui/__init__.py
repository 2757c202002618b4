"""The only Qt code: main window, pages, widgets, a task runner. Calls services, never SQL."""
