"""``kp completion bash|zsh``: a completion script for the shell, built from the parser itself.

The script completes subcommands and their options (read from argparse when it is generated,
so it never lags behind the commands) and customer names where a command takes a customer,
by asking ``kp completion --list-customers`` (the active customers of the same book).

    bash:  eval "$(kp completion bash)"     in ~/.bashrc
    zsh:   eval "$(kp completion zsh)"      in ~/.zshrc (after compinit)
"""

from __future__ import annotations

import argparse
import shlex
import sys
from contextlib import suppress

from tui.commands.common import EXIT_OK, book_path
from tui.i18n import N_, _

GLOBAL_OPTIONS = ("--book", "--rep", "--demo", "--version", "--help")
GLOBAL_WITH_VALUE = ("--book", "--rep")


#: the line in ``kp --help`` and the text of ``kp completion --help`` (translated when shown)
SUMMARY = N_("print a shell completion script (bash or zsh)")
ABOUT = N_(
    "Print a completion script for bash or zsh: commands, options and customer names "
    'from the book. Add eval "$(kp completion bash)" to ~/.bashrc '
    '(or eval "$(kp completion zsh)" to ~/.zshrc).'
)


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """Option strings, and the choices of positional arguments (``bash``/``zsh``)."""
    found: list[str] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            found += action.option_strings
        elif action.choices:
            found += [str(choice) for choice in action.choices]
    return found


def _takes_customer(parser: argparse.ArgumentParser) -> bool:
    return any(a.dest == "customer" and not a.option_strings for a in parser._actions)


def command_table(
    commands: dict[str, argparse.ArgumentParser],
) -> list[tuple[str, list[str], bool]]:
    """``("customer show", [options], takes a customer)`` for every command and subcommand;
    a command with subcommands lists them as its words."""
    table = []
    for name, parser in commands.items():
        nested = _subcommands(parser)
        table.append((name, [*nested, *_options(parser)], _takes_customer(parser)))
        for sub, sub_parser in nested.items():
            table.append((f"{name} {sub}", _options(sub_parser), _takes_customer(sub_parser)))
    return table


def bash_script(commands: dict[str, argparse.ArgumentParser]) -> str:
    cases = "\n".join(
        f"        {shlex.quote(key)}) words={shlex.quote(' '.join(words))}; customers={int(c)} ;;"
        for key, words, c in command_table(commands)
    )
    return f"""# kp completion for bash: add  eval "$(kp completion bash)"  to ~/.bashrc
_kp_words() {{
    customers=0
    case "$1" in
        "") words={shlex.quote(" ".join([*commands, *GLOBAL_OPTIONS]))} ;;
{cases}
        *) words=""; return 1 ;;
    esac
}}
_kp_complete() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local key="" book=() i word words customers=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$word" in
            --book) book=(--book "${{COMP_WORDS[i+1]}}"); ((i++)) ;;
            {"|".join(o for o in GLOBAL_WITH_VALUE if o != "--book")}) ((i++)) ;;
            -*) ;;
            *) key="${{key:+$key }}$word" ;;
        esac
    done
    case "$prev" in --book|--out|--ics|--json|--gifts|--csv) COMPREPLY=(); return ;; esac
    local found=1
    while ! _kp_words "$key" && [[ "$key" == *" "* ]]; do
        key="${{key% *}}"; found=0  # past the customer (or a value): only options
    done
    ((found)) || customers=0
    if [[ $customers -eq 1 && "$cur" != -* ]]; then
        local IFS=$'\\n' name
        COMPREPLY=()
        while IFS= read -r name; do
            [[ "$name" == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
        done < <(kp "${{book[@]}}" completion --list-customers 2>/dev/null)
        return
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _kp_complete kp
"""


def zsh_script(commands: dict[str, argparse.ArgumentParser]) -> str:
    cases = "\n".join(
        f"    ({shlex.quote(key)}) words=({' '.join(shlex.quote(w) for w in words)}); "
        f"customers={int(c)} ;;"
        for key, words, c in command_table(commands)
    )
    top = " ".join(shlex.quote(w) for w in [*commands, *GLOBAL_OPTIONS])
    return f"""#compdef kp
# kp completion for zsh: add  eval "$(kp completion zsh)"  to ~/.zshrc (after compinit)
_kp() {{
  local key="" i word customers=0
  local -a book names
  for ((i = 2; i < CURRENT; i++)); do
    word="${{words[i]}}"
    case "$word" in
      --book) book=(--book "${{words[i+1]}}"); ((i++)) ;;
      --rep) ((i++)) ;;
      -*) ;;
      *) key="${{key:+$key }}$word" ;;
    esac
  done
  case "${{words[CURRENT-1]}}" in --book|--out|--ics|--json|--gifts|--csv) _files; return ;; esac
  local -a choices
  local found=1
  while true; do
  case "$key" in
    ("") choices=({top}) ;;
{cases.replace("words=(", "choices=(")}
    (*) if [[ "$key" == *" "* ]]; then key="${{key% *}}"; found=0; continue; fi; choices=() ;;
  esac
  break
  done
  (( found )) || customers=0
  if (( customers )) && [[ "${{words[CURRENT]}}" != -* ]]; then
    names=(${{(f)"$(kp "${{book[@]}}" completion --list-customers 2>/dev/null)"}})
    compadd -a names
    return
  fi
  compadd -a choices
}}
compdef _kp kp
"""


def list_customers(args: argparse.Namespace) -> None:
    """Active customers' names, one per line, for the scripts (nothing if there is no book)."""
    from tui.store.book import Book
    from tui.store.errors import BookError

    with suppress(BookError), Book.open(book_path(args), create=False) as book:
        for customer in book.customers():
            print(customer.name.replace("\n", " "))


def completion_command(args: argparse.Namespace) -> int:
    if args.list_customers:
        list_customers(args)
        return EXIT_OK
    commands = dict(args.commands.choices)
    script = bash_script(commands) if args.shell == "bash" else zsh_script(commands)
    sys.stdout.write(script)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("completion", help=_(SUMMARY), description=_(ABOUT))
    parser.add_argument("shell", nargs="?", choices=["bash", "zsh"], help=_("the shell"))
    parser.add_argument("--list-customers", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=completion_command, commands=subparsers, shell_parser=parser)
