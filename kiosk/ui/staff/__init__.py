"""The staff side of the kiosk: sign-in, clerk workbench, application detail, admin console."""
