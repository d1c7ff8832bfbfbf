"""The app's screens: Today (home), Customer, and the modal forms."""
