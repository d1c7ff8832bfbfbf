"""``kp config show`` (where each setting comes from), config errors with file and line, the
theme written with tomlkit, and ``kp completion`` run in a real bash."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT, Kp
from tui.config import load_config, save_config_value


def _settings(kp: Kp, *args: str, env: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    result = kp("config", "show", "--format", "json", *args, env=env)
    assert result.returncode == 0, result.stderr
    return {s["name"]: s for s in json.loads(result.stdout)}


def test_sources_default_file_environment_book_command_line(
    kp: Kp, book: Path, tmp_path: Path
) -> None:
    settings = _settings(kp)
    assert settings["language"]["source"] == "environment"
    assert settings["language"]["detail"] == "KP_LANG"
    assert settings["rep"] == {**settings["rep"], "value": "tester", "source": "environment"}
    assert settings["theme"]["source"] == "default" and settings["capacity"]["source"] == "default"
    assert settings["book"]["source"] == "command line"
    (tmp_path / "config.toml").write_text(
        '# mine\ntheme = "nord"\ncapacity = 5\n\n[keys]\n"today.log" = "L"\n', encoding="utf-8"
    )
    assert kp("settings", "set", "horizon_days", "21").returncode == 0
    settings = _settings(kp)
    assert settings["theme"] == {**settings["theme"], "value": "nord", "source": "file"}
    assert settings["capacity"] == {**settings["capacity"], "value": "5", "source": "file"}
    assert settings["keys.today.log"]["value"] == "L"
    horizon = settings["horizon_days"]
    assert horizon["value"] == "21" and horizon["source"] == "book"
    assert horizon["detail"] == str(book)
    text = kp("config", "show")
    assert text.returncode == 0 and "Team settings" in text.stdout and "nord" in text.stdout


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ('theme = "nord"\ncolour = "red"\n', 2, "unknown setting 'colour'"),
        ('language = "fr"\n', 1, 'language must be "en" or "de"'),
        ('# c\n\ncapacity = "8"\n', 3, "capacity must be a whole number"),
        ('region = "DE-XX"\n', 1, "'DE-XX' is not a region of DE; valid: DE, DE-BB"),
        ('[keys]\n"today.log" = 3\n', 2, "today.log must be a key name"),
    ],
)
def test_a_wrong_config_is_one_error_with_file_and_line(
    kp: Kp, tmp_path: Path, content: str, line: int, words: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    result = kp("today")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert f"config {config}, line {line}: " in result.stderr and words in result.stderr


def test_theme_switch_keeps_comments_and_quoting(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = (
        "# my settings\ntheme = 'nord'  # dark at night\nrep = \"mm\"\n\n"
        '[keys]\n"today.log" = "L"\n'
    )
    config.write_text(original, encoding="utf-8")
    save_config_value("theme", "textual-light", config)
    assert config.read_text(encoding="utf-8") == original.replace("'nord'", "'textual-light'")
    save_config_value("language", "de", config)
    written = config.read_text(encoding="utf-8")
    assert written.index('language = "de"') < written.index("[keys]")
    loaded = load_config(config)
    assert loaded.language == "de" and loaded.theme == "textual-light" and loaded.keys
    fresh = tmp_path / "new" / "config.toml"
    save_config_value("theme", "nord", fresh)
    assert load_config(fresh).theme == "nord"


def test_completion_lists_customers_from_the_book(kp: Kp) -> None:
    kp("customer", "add", "Anna Müller", "--company", "Müller GmbH")
    kp("customer", "add", "Bernd Weber")
    result = kp("completion", "--list-customers")
    assert result.stdout.splitlines() == ["Anna Müller", "Bernd Weber"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_in_a_real_bash(kp: Kp, book: Path, tmp_path: Path) -> None:
    kp("customer", "add", "Anna Müller", "--company", "Müller GmbH")
    kp("customer", "add", "Anton Berg")
    script = kp("completion", "bash").stdout
    shim = tmp_path / "bin" / "kp"
    shim.parent.mkdir()
    shim.write_text(
        f'#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} -m tui.cli --book {book} "$@"\n'
    )
    shim.chmod(0o755)
    probe = f"""
{script}
t() {{ COMP_WORDS=("$@"); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMPREPLY=(); _kp_complete
      echo "${{COMPREPLY[*]}}"; }}
t kp cu
t kp log An
t kp log Anton ""
t kp customer show "A"
t kp completion ""
"""
    result = subprocess.run(
        ["bash", "-c", probe],
        capture_output=True,
        text=True,
        env={"PATH": f"{shim.parent}:/usr/bin:/bin", "KP_LANG": "en", "LANG": "C.UTF-8"},
        timeout=60,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "customer"
    assert lines[1] == "Anna\\ Müller Anton\\ Berg"
    assert "--kind" in lines[2].split() and "Anna" not in lines[2]
    assert lines[3] == "Anna\\ Müller Anton\\ Berg"
    assert lines[4].split()[-2:] == ["bash", "zsh"]


def test_zsh_script_is_valid_zsh(kp: Kp) -> None:
    script = kp("completion", "zsh").stdout
    assert script.startswith("#compdef kp") and "compadd -a names" in script
    if shutil.which("zsh"):
        check = subprocess.run(["zsh", "-n"], input=script, text=True, capture_output=True)
        assert check.returncode == 0, check.stderr


def test_help_of_new_commands(kp: Kp) -> None:
    for args in (("config", "--help"), ("config", "show", "--help"), ("completion", "--help")):
        result = kp(*args)
        assert result.returncode == 0 and "usage: kp" in result.stdout


def test_global_options_in_the_scripts_match_the_parser() -> None:
    from tui.cli import build_parser
    from tui.commands.completion import GLOBAL_OPTIONS

    parser = build_parser("x")
    options = {o for a in parser._actions for o in a.option_strings if o.startswith("--")}
    assert options == set(GLOBAL_OPTIONS)


@pytest.mark.parametrize("xdg", [None, "", "  ", "/srv/team"])
def test_the_user_folders_are_the_ones_platformdirs_names(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    from tui.config import _user_dir

    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert str(_user_dir("data")) == platformdirs.user_data_dir("kundenpflege")
    assert str(_user_dir("config")) == platformdirs.user_config_dir("kundenpflege")
    assert str(_user_dir("cache")) == platformdirs.user_cache_dir("kundenpflege")
