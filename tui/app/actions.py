"""Every key of the app, declared once: id, default key, label, where it acts, what it does.

``BINDINGS`` of each screen and widget, the help screen and the command palette are all built
from :data:`ACTIONS`, so a key remapped in the config file (``[keys]``, by id) shows its new key
in the footer, in help and in the palette alike. Labels are English here and translated where
they are shown (``_()`` at display time), so nothing is frozen in the language of the import.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from tui.i18n import N_


@dataclass(frozen=True)
class Action:
    """One thing a person can do, and the key that does it by default.

    ``node`` names the screen or widget whose ``BINDINGS`` carry it; ``id`` (``scope.name``) is
    what the config's ``[keys]`` table remaps. ``key`` empty: a command of the palette only.
    ``description`` is the longer text of help and the footer's tooltip. ``palette``: offered in
    the command palette before anything is typed, as ``title`` with ``hint`` below it.
    """

    id: str
    key: str
    action: str
    label: str
    node: str
    description: str = ""
    show: bool = True
    palette: bool = False
    title: str = ""
    hint: str = ""
    priority: bool = False
    key_display: str | None = None

    @property
    def scope(self) -> str:
        return self.id.split(".")[0]

    @property
    def palette_title(self) -> str:
        """The English title in the palette (translated where shown)."""
        return self.title or self.label

    @property
    def palette_hint(self) -> str:
        return self.hint or self.description

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.show,
            priority=self.priority,
            key_display=self.key_display,
            id=self.id,
            tooltip=self.description,
        )


A = Action
ACTIONS: tuple[Action, ...] = (
    # the app: everywhere
    A("app.help", "question_mark", "help", N_("Help"), "app", title=N_("Help: keys"),
      hint=N_("Every key of this screen")),
    A("app.quick_capture", "colon", "quick_capture", N_("Quick log"), "app", palette=True,
      hint=N_("One line: customer kind purpose note")),
    A("app.log", "", "log", N_("Log a contact"), "app", palette=True,
      hint=N_("Open the log form")),
    A("app.heatmap", "H", "heatmap", N_("Heatmap"), "app",
      N_("The year's contacts per day, and who has gone cold"), palette=True),
    A("app.add_customer", "n", "add_customer", N_("New customer"), "app", show=False,
      palette=True, hint=N_("Add a customer to the book")),
    A("app.import", "i", "import_file", N_("Import"), "app",
      N_("Import customers from a file (CSV, vCard, JSON)"), show=False, palette=True,
      title=N_("Import a file"), hint=N_("Customers from a CSV, vCard or JSON file")),
    A("app.team", "", "toggle_team", N_("Team"), "app", palette=True,
      title=N_("Switch team / my plan"), hint=N_("Show the whole team's plan or only yours")),
    A("app.theme", "ctrl+t", "toggle_theme", N_("Light/dark"), "app", show=False, palette=True,
      title=N_("Switch light / dark theme"), hint=N_("Remembered in the config file")),
    A("app.quit", "q", "quit", N_("Quit"), "app", show=False, hint=N_("Leave kundenpflege")),
    A("app.undo", "u", "undo", N_("Undo"), "app", N_("Take back the latest change, step by step"),
      show=False, palette=True, hint=N_("Log, done, snooze, skip, correction, deletion, plan")),
    A("app.palette", "ctrl+p", "command_palette", N_("Commands"), "app", show=False,
      priority=True),
    # Today
    A("today.log", "l", "log", N_("Log"), "today",
      N_("Log a contact for this gesture (Enter too)")),
    A("today.done", "d", "done", N_("Done"), "today", N_("Mark done without logging a contact")),
    A("today.snooze_day", "s", "snooze_day", N_("Snooze"), "today", N_("Snooze until tomorrow")),
    A("today.snooze_week", "w", "snooze_week", N_("+1 week"), "today", N_("Snooze for a week"),
      show=False),
    A("today.snooze_date", "S", "snooze_date", N_("Snooze to…"), "today",
      N_("Snooze until a date you choose"), show=False),
    A("today.skip", "x", "skip", N_("Skip"), "today", N_("Skip this occasion")),
    A("today.open_customer", "o", "open_customer", N_("Customer"), "today",
      N_("Open the customer")),
    A("today.plan", "p", "plan", N_("Plan"), "today", N_("Plan a follow-up on a day you choose"),
      show=False),
    A("today.delete", "delete", "delete_planned", N_("Delete"), "today",
      N_("Delete a gesture planned by hand"), show=False),
    A("today.team", "t", "toggle_team", N_("Team"), "today",
      N_("Switch between my plan and the whole team"), show=False),
    A("today.why", "y", "why", N_("Why"), "today",
      N_("Why it ranks here: the parts of its urgency"),
      show=False),
    A("today.down", "j", "cursor_down", N_("Down"), "due_list", show=False),
    A("today.up", "k", "cursor_up", N_("Up"), "due_list", show=False),
    # a customer
    A("customer.back", "escape", "back", N_("Back"), "customer"),
    A("customer.log", "l", "log", N_("Log"), "customer", N_("Log a contact with this customer")),
    A("customer.edit", "e", "edit", N_("Edit"), "customer", N_("Change the customer's details")),
    A("customer.archive", "A", "archive", N_("Archive"), "customer",
      N_("Archive the customer; the history stays")),
    A("customer.search", "slash", "search", N_("Search"), "customer", N_("Search the history")),
    A("customer.plan", "p", "plan", N_("Plan"), "customer",
      N_("Plan a follow-up on a day you choose")),
    A("customer.open_contact", "enter", "open_contact", N_("Open contact"), "customer",
      N_("The whole contact, to correct or delete it"), show=False),
    A("customer.year_back", "left_square_bracket", "year(-1)", N_("Previous year"), "customer",
      N_("The heatmap's previous year"), show=False, key_display="["),
    A("customer.year_ahead", "right_square_bracket", "year(1)", N_("Next year"), "customer",
      N_("The heatmap's next year"), show=False, key_display="]"),
    # the heatmap
    A("heatmap.back", "escape", "back", N_("Back"), "heatmap", N_("Back to the previous screen"),
      show=False),
    A("heatmap.tier", "t", "cycle_tier", N_("Tier"), "heatmap",
      N_("Count all tiers, then only A, B or C customers")),
    A("heatmap.rep", "r", "toggle_rep", N_("Team"), "heatmap",
      N_("Your customers or the whole team's")),
    A("heatmap.coldest", "c", "coldest", N_("Coldest"), "heatmap",
      N_("Into the coldest-first list and back to the grid")),
    A("heatmap.open_customer", "o", "open_customer", N_("Customer"), "heatmap",
      N_("Open the customer shown"), show=False),
    A("heatmap.year_back", "left_square_bracket", "year(-1)", N_("Previous year"), "heatmap",
      show=False, key_display="["),
    A("heatmap.year_ahead", "right_square_bracket", "year(1)", N_("Next year"), "heatmap",
      show=False, key_display="]"),
    A("heatmap.cold_down", "j", "cursor_down", N_("Down"), "cold_list", show=False),
    A("heatmap.cold_up", "k", "cursor_up", N_("Up"), "cold_list", show=False),
    A("heatmap.left", "left,h", "move(-7)", N_("Week back"), "heatmap_grid", show=False),
    A("heatmap.right", "right,l", "move(7)", N_("Week ahead"), "heatmap_grid", show=False),
    A("heatmap.up", "up,k", "move(-1)", N_("Day back"), "heatmap_grid", show=False),
    A("heatmap.down", "down,j", "move(1)", N_("Day ahead"), "heatmap_grid", show=False),
    A("heatmap.previous_year", "left_square_bracket", "change_year(-1)", N_("Previous year"),
      "heatmap_grid", key_display="["),
    A("heatmap.next_year", "right_square_bracket", "change_year(1)", N_("Next year"),
      "heatmap_grid", key_display="]"),
    A("heatmap.select", "enter", "select_day", N_("Open day"), "heatmap_grid"),
    A("heatmap.day_close", "escape", "close", N_("Close"), "day_entries"),
    A("heatmap.day_down", "j", "scroll(1)", N_("Down"), "day_entries", show=False),
    A("heatmap.day_up", "k", "scroll(-1)", N_("Up"), "day_entries", show=False),
    # dialogs
    A("log.cancel", "escape", "cancel", N_("Cancel"), "log"),
    A("log.save", "ctrl+s", "save", N_("Save"), "log"),
    A("quick.cancel", "escape", "cancel", N_("Cancel"), "quick"),
    A("customer_form.cancel", "escape", "cancel", N_("Cancel"), "customer_form"),
    A("customer_form.save", "ctrl+s", "save", N_("Save"), "customer_form"),
    A("snooze.cancel", "escape", "cancel", N_("Cancel"), "snooze"),
    A("plan.cancel", "escape", "cancel", N_("Cancel"), "plan"),
    A("plan.save", "ctrl+s", "save", N_("Save"), "plan"),
    A("contact.close", "escape", "close", N_("Back"), "contact"),
    A("contact.edit", "e", "edit", N_("Edit"), "contact", N_("Correct this contact")),
    A("contact.delete", "d", "delete", N_("Delete"), "contact",
      N_("Delete this contact; the gesture it answered is open again")),
    A("import.cancel", "escape", "cancel", N_("Cancel"), "import"),
    A("confirm.yes", "y", "answer(True)", N_("Yes"), "confirm"),
    A("confirm.no", "n,escape", "answer(False)", N_("No"), "confirm"),
    A("help.close", "escape", "close", N_("Close"), "help"),
    A("help.quit", "q", "close", N_("Close"), "help", show=False),
)  # fmt: skip

BY_ID = {action.id: action for action in ACTIONS}


def bindings(node: str) -> list[BindingType]:
    """The ``BINDINGS`` of one screen or widget (``node``), in the registry's order."""
    return [action.binding() for action in ACTIONS if action.node == node and action.key]
