"""The figures of README's speed table, each beside its anchor measured in the same run.

    .venv/bin/python bench/bench_scale.py [--runs 5] [--huge] [--write bench/README.md]

Builds a rep book (300 customers, 5 years) and a team book (5,000 customers, 5 years, five reps:
the bench's rep owns a sixth of them, the one who wrote the book a third) with ``kp demo``, then
times whole processes, as a shell user starts them, median of ``--runs``: ``kp today``, ``kp today
--all``, ``kp log`` (one durable contact) and their peak memory (the child's ru_maxrss). Anchors,
measured in the same run: taskwarrior's ``task next limit:8`` over 25,000 tasks (installed from
the distribution if missing: ``apt-get install -y taskwarrior``), and a bare Textual app's first
paint for the app's open -> Today painted, the two in turns (also on one core, where
``taskset`` exists: the app plans in a child process on another core while Textual loads).
``--huge`` adds a 20,000-customer book of a team of 20 (about 2 million contacts; a minute to
build, GBs while building; its ordinary reps own 700 customers each, the bench's rep among
them), timed in turns with the team book.
``--write`` replaces the table in that file. Never part of the test suite; run it when the
machine is quiet.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bench_app_start import BARE, KP

ROOT = Path(__file__).resolve().parent.parent
UNTIL = "2026-11-23"
REP = "amueller"  # whose plan is timed: one of the colleagues (a sixth of the team book)
BUILDER = "mmeier"  # who writes the demo books: ``kp demo`` gives its runner a third
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "KP_REP": REP, "NO_COLOR": "1", "KP_LANG": "en"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # a rep's installed kp has its bytecode: so do we


def run(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """(seconds, peak memory in MB) of one whole process."""
    import time

    started = time.perf_counter()
    process = subprocess.Popen(  # in ROOT: ``-m tui.cli`` runs this checkout's code
        list(command), env=env or ENV, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    return seconds, usage.ru_maxrss // 1024


def median(
    command: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> tuple[float, int]:
    run(command, env)  # warm: bytecode, page cache, holiday cache
    results = [run(command, env) for _ in range(runs)]
    return statistics.median(s for s, _ in results), max(m for _, m in results)


def interleaved(first: Sequence[str], second: Sequence[str], runs: int) -> tuple[float, float, int]:
    """Medians of two commands run in turns (a load that comes and goes hits both alike), and
    the second's peak memory."""
    run(first), run(second)
    times: tuple[list[float], list[float]] = ([], [])
    memory = 0
    for _ in range(runs):
        times[0].append(run(first)[0])
        seconds, mb = run(second)
        times[1].append(seconds)
        memory = max(memory, mb)
    return statistics.median(times[0]), statistics.median(times[1]), memory


def kp(book: Path, *args: str) -> list[str]:
    """``kp`` as a shell user starts it: the installed script (else ``-m tui.cli``)."""
    script = Path(sys.executable).with_name("kp")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]
    return [*command, "--book", str(book), *args]


def build(folder: Path, name: str, customers: int, reps: int = 5) -> Path:
    book = folder / f"{name}.json"
    seconds, memory = run(kp(book, "demo", "--out", str(book), "--customers", str(customers),
                             "--years", "5", "--until", UNTIL, "--reps", str(reps)),
                          {**ENV, "KP_REP": BUILDER})  # fmt: skip
    files = sorted(p for p in folder.iterdir() if p.name.startswith(f"{name}."))
    size = sum(p.stat().st_size for p in files) / 1e6
    print(f"built {name}: {customers} customers, {size:.0f} MB in {len(files)} files, "
          f"{seconds:.1f} s, {memory} MB")  # fmt: skip
    return book


def taskwarrior(folder: Path, runs: int) -> tuple[float, int]:
    """``task next limit:8`` over 25,000 pending tasks (imported in one go)."""
    if shutil.which("task") is None:
        subprocess.run(["apt-get", "install", "-y", "taskwarrior"], check=True)
    data = folder / "taskdata"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=9.9.9\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    tasks = [
        {
            "description": f"call customer {n}",
            "status": "pending",
            "entry": "20260101T000000Z",
            "due": f"2026{1 + n % 12:02d}{1 + n % 28:02d}T090000Z",
            "project": f"rep{n % 20}",
            "priority": "HML"[n % 3],
        }
        for n in range(25_000)
    ]
    tasks_file = folder / "tasks.json"
    tasks_file.write_text("\n".join(json.dumps(t) for t in tasks))
    subprocess.run(["task", "import", str(tasks_file)], env=env, check=True, capture_output=True)
    return median(["task", "next", "limit:8"], runs, env)


def first_paint(code: str, *args: str, one_core: bool = False) -> float:
    """Seconds to the first paint a run of ``code`` prints; ``one_core``: pinned to one CPU
    (``taskset``), as on a busy machine, where the child that plans while Textual loads
    (``HeadStart``) runs after the parent, not beside it."""
    pin = ["taskset", "-c", "0"] if one_core else []
    out = subprocess.run([*pin, sys.executable, "-c", code, *args], check=True, env=ENV,
                         cwd=ROOT, capture_output=True, text=True).stdout  # fmt: skip
    return float(out.strip().splitlines()[-1])


def app_starts(rep: Path, team: Path, runs: int) -> dict[str, float]:
    """Medians of the bare app and the app on each book, run in turns (a load that comes and
    goes hits them alike)."""
    kinds: dict[str, Callable[[], float]] = {
        "bare": lambda: first_paint(BARE),
        "rep": lambda: first_paint(KP, str(rep)),
        "team": lambda: first_paint(KP, str(team)),
    }
    if shutil.which("taskset"):
        kinds["team, one core"] = lambda: first_paint(KP, str(team), one_core=True)
    for measure in kinds.values():
        measure()  # warm: bytecode, holiday cache
    times: dict[str, list[float]] = {name: [] for name in kinds}
    for _ in range(runs):
        for name, measure in kinds.items():
            times[name].append(measure())
    return {name: statistics.median(values) for name, values in times.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, load {load:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--huge", action="store_true")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tui")], check=True,
                   env=ENV, stdout=subprocess.DEVNULL)  # fmt: skip
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ENV["KP_CACHE_DIR"] = str(folder / "cache")  # the holiday cache of this run alone
        rep = build(folder, "rep", 300)
        team = build(folder, "team", 5000)
        task_s, task_mb = taskwarrior(folder, args.runs)
        rows.append(
            ("anchor: `task next limit:8`, 25,000 tasks", "-", f"{task_s:.3f} s, {task_mb} MB")
        )
        for label, book in (("rep", rep), ("team", team)):
            today_s, today_mb = median(kp(book, "today"), args.runs)
            ratio = f" = {today_s / task_s:.2f}x taskwarrior" if label == "rep" else ""
            target = "<= 1.0x taskwarrior" if label == "rep" else "<= 0.3 s"
            rows.append((f"`kp today` ({label})", target, f"{today_s:.3f} s{ratio}, {today_mb} MB"))
            if label == "team":
                heavy = {**ENV, "KP_REP": BUILDER}
                heavy_s, heavy_mb = median(kp(book, "today"), args.runs, heavy)
                rows.append((f"`kp today` (team, {BUILDER}: a third of the customers)", "-",
                             f"{heavy_s:.3f} s, {heavy_mb} MB"))  # fmt: skip
                all_s, all_mb = median(kp(book, "today", "--all"), args.runs)
                rows.append(("`kp today --all` (team)", "<= 1.0 s", f"{all_s:.3f} s, {all_mb} MB"))
            log_s, log_mb = median(kp(book, "log", "1", "call", "bench"), args.runs)
            rows.append(
                (f"`kp log` one call ({label})", "<= 0.15 s", f"{log_s:.3f} s, {log_mb} MB")
            )
        starts = app_starts(rep, team, args.runs)
        bare = starts["bare"]
        rows.append(("anchor: bare Textual app, first paint", "-", f"{bare:.3f} s"))
        for label, target in (("rep", "<= 1.3x bare"), ("team", "<= 1.5x bare"),
                              ("team, one core", "-")):  # fmt: skip
            if label in starts:
                opened = starts[label]
                rows.append((f"open -> Today painted ({label})", target,
                             f"{opened:.3f} s = {opened / bare:.2f}x bare"))  # fmt: skip
        if args.huge:
            huge = build(folder, "huge", 20_000, reps=20)  # 1,000 customers a rep, as in team
            for command in (["today"], ["log", "1", "call", "bench"]):
                base, s, mb = interleaved(kp(team, *command), kp(huge, *command), args.runs)
                rows.append((f"`kp {command[0]}` (20,000 customers, 20 reps)", "<= 2x team",
                             f"{s:.3f} s = {s / base:.2f}x team (in turns with the team's, "
                             f"{base:.3f} s), {mb} MB"))  # fmt: skip
    stamp = datetime.date.today().isoformat()
    table = ["| figure | target | measured |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    table += ["", f"Measured {stamp} on {machine()}; medians of {args.runs} whole processes,"
              " peak memory = the largest ru_maxrss of those runs."]  # fmt: skip
    text = "\n".join(table)
    print(text)
    if args.write:
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        start, end = "<!-- bench_scale -->", "<!-- /bench_scale -->"
        block = f"{start}\n{text}\n{end}"
        if start in old and end in old:
            new = old[: old.index(start)] + block + old[old.index(end) + len(end) :]
        else:
            new = old + ("\n" if old else "") + block + "\n"
        args.write.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
