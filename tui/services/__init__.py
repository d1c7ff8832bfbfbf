"""What the app and the shell both ask of a book: the plan, heatmap data, gift totals, holidays.

Both front ends (``tui.app`` and ``tui.commands``) call these modules, so each question is
answered in one place. No Textual here; see docs/ARCHITECTURE.md for the layers.
"""
