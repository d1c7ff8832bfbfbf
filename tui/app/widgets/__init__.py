"""Self-contained widgets of the app."""
