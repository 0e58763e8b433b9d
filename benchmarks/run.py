"""Time every command end to end on the generated workloads, beside two floors.

    python benchmarks/run.py                  # full size (generates the data once)
    python benchmarks/run.py --scale 0.01     # a quick smoke run
    python benchmarks/run.py --repeat 3       # best of three for every figure

Each command runs as a user runs it, in its own process:
`python scripts/<cmd>.py FILES --out DIR --settings S ...`; we report its wall time and
peak memory (the child's maximum resident set, from os.wait4 on POSIX; Windows reports
no memory). Beside it, measured in the same run, also in fresh processes, but timing
only the work itself (no interpreter start-up or imports):
  (a) read floor: reading the same input files with pandas.read_excel(engine="calamine")
      and nothing else;
  (b) write floor: writing a workbook with as many cells as our .xlsx outputs hold
      (per sheet, the same count of text and number cells) with xlsxwriter in
      constant_memory mode, one number format, nothing else.
ratio = ours / (a + b): how far a command is from the cost of its own I/O.
Commands whose script does not exist yet are reported as "not available".
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (a sibling script, importable once HERE is on the path)

REPO = HERE.parent
SCRIPTS = REPO / "scripts"
EXAMPLES = REPO / "workbooks" / "examples"
DEFAULT_OUT = HERE / "out"
COMMANDS = ("payroll", "inventory", "budget")


@dataclass
class Measurement:
    """One process run: exit code, wall seconds, peak memory (bytes; None when unknown)."""

    code: int
    seconds: float
    peak_bytes: int | None
    stdout: str = ""
    stderr: str = ""
    cpu_seconds: float | None = None  # user + system time of the process (POSIX)


@dataclass
class SheetShape:
    """How many text and number cells one output sheet holds, and how wide it is."""

    sheet: str
    columns: int
    strings: int
    numbers: int

    @property
    def cells(self) -> int:
        return self.strings + self.numbers


@dataclass
class Result:
    """One command's figures: ours beside the two floors."""

    command: str
    available: bool
    code: int | None = None
    seconds: float | None = None
    peak_bytes: int | None = None
    input_rows: int = 0
    output_cells: int = 0
    read_floor: float | None = None
    write_floor: float | None = None
    cpu_seconds: float | None = None
    read_floor_cpu: float | None = None
    write_floor_cpu: float | None = None
    outputs: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def ratio(self) -> float | None:
        """ours / (read floor + write floor), in wall time."""
        if self.seconds is None or not self.read_floor or self.write_floor is None:
            return None
        return self.seconds / (self.read_floor + self.write_floor)

    @property
    def cpu_ratio(self) -> float | None:
        """The same ratio in CPU time, steadier than wall time on a busy machine."""
        if self.cpu_seconds is None or not self.read_floor_cpu or self.write_floor_cpu is None:
            return None
        return self.cpu_seconds / (self.read_floor_cpu + self.write_floor_cpu)


# --------------------------------------------------------------------------- processes


def run_process(argv: list[str], cwd: Path = REPO) -> Measurement:
    """Run a process to the end; its wall time and, on POSIX, its own peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        peak = cpu = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
            peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
            cpu = usage.ru_utime + usage.ru_stime
        else:
            proc.wait()
            seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Measurement(proc.returncode, seconds, peak,
                           out.read().decode("utf-8", "replace"),
                           err.read().decode("utf-8", "replace"), cpu)


def command_available(command: str) -> bool:
    """True when scripts/<command>.py exists (inventory and budget may not, yet)."""
    return (SCRIPTS / f"{command}.py").is_file()


def command_argv(workload: generate.Workload, out_dir: Path) -> list[str]:
    """The command line a user would type for this workload."""
    argv = [sys.executable, str(SCRIPTS / f"{workload.command}.py"), *workload.files,
            "--out", str(out_dir)]
    if workload.settings:
        argv += ["--settings", workload.settings]
    return argv + list(workload.args)


def run_command(workload: generate.Workload, out_dir: Path) -> tuple[Measurement, list[Path]]:
    """Run one command end to end into an emptied out folder; its measurement and outputs."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    measured = run_process(command_argv(workload, out_dir))
    return measured, sorted(p for p in out_dir.iterdir() if p.is_file())


# --------------------------------------------------------------------------- floors


def _floor_process(kind: str, payload: dict) -> tuple[float, float]:
    """Run one floor in a fresh process; the (wall, CPU) seconds of the work alone."""
    with tempfile.TemporaryDirectory() as folder:
        request = Path(folder) / "floor.json"
        request.write_text(json.dumps(payload), encoding="utf-8")
        measured = run_process([sys.executable, str(Path(__file__).resolve()), "--floor",
                                kind, str(request)])
    if measured.code != 0:
        raise RuntimeError(f"{kind} floor failed: {measured.stderr.strip()[-500:]}")
    reported = json.loads(measured.stdout.strip().splitlines()[-1])
    return reported["seconds"], reported["cpu"]


def read_floor(files: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds pandas.read_excel(engine="calamine") takes to read every sheet
    of the files."""
    return _floor_process("read", {"files": files})


def write_floor(shapes: list[SheetShape], path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds xlsxwriter (constant_memory) takes to write as many cells as
    `shapes` hold."""
    return _floor_process("write", {"shapes": [asdict(s) for s in shapes], "path": str(path)})


def _timed(work) -> dict:
    """Run `work()`; its wall and CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    work()
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def _do_read_floor(files: list[str]) -> None:
    import pandas as pd

    for name in files:
        pd.read_excel(name, sheet_name=None, engine="calamine")


def _do_write_floor(shapes: list[dict], path: str) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    number_format = book.add_format({"num_format": "#,##0.00"})
    for shape in shapes:
        ws = book.add_worksheet(shape["sheet"])
        cells = shape["strings"] + shape["numbers"]
        width = max(1, shape["columns"])
        text_cols = round(width * shape["strings"] / cells) if cells else 0
        strings, numbers = shape["strings"], shape["numbers"]
        for row in range(math.ceil(cells / width)):
            for col in range(width):
                if not strings and not numbers:
                    break
                if (col < text_cols and strings) or not numbers:
                    ws.write_string(row, col, f"text {row}")
                    strings -= 1
                else:
                    ws.write_number(row, col, row * 1.25 + col, number_format)
                    numbers -= 1
    book.close()


def output_shapes(paths: list[Path]) -> list[SheetShape]:
    """Text and number cells of each .xlsx output (CSV outputs are not counted), as one
    sheet as wide as its largest sheet: the floor writes the cells, and how many sheets
    hold them is our own choice, whose cost counts against us."""
    import python_calamine

    shapes = []
    for path in paths:
        if path.suffix.lower() != ".xlsx":
            continue
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        strings = numbers = most = width = 0
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python()
            text = sum(1 for row in rows for v in row if isinstance(v, str) and v != "")
            filled = sum(1 for row in rows for v in row if v != "")
            strings, numbers = strings + text, numbers + filled - text
            if filled > most:
                most, width = filled, max((len(row) for row in rows), default=0)
        shapes.append(SheetShape(f"{len(shapes) + 1} {path.stem[:25]}", width, strings,
                                 numbers))
    return shapes


# --------------------------------------------------------------------------- the run


def _best(runs: list[Measurement]) -> Measurement:
    return min(runs, key=lambda m: m.seconds)


def bench_command(workload: generate.Workload, out_root: Path, repeat: int = 1) -> Result:
    """Run one command `repeat` times (keeping the fastest) and measure both floors."""
    result = Result(workload.command, command_available(workload.command),
                    input_rows=sum(workload.rows.values()))
    if not result.available:
        result.message = "not available"
        return result
    out_dir = out_root / workload.command
    runs = []
    for _ in range(max(1, repeat)):
        measured, outputs = run_command(workload, out_dir)
        runs.append(measured)
        if measured.code != 0:
            break
    best = _best(runs)
    result.code, result.seconds, result.peak_bytes = best.code, best.seconds, best.peak_bytes
    result.cpu_seconds = best.cpu_seconds
    result.outputs = [str(p) for p in outputs]
    if best.code != 0:
        result.message = f"exit code {best.code}: {best.stderr.strip()[-300:]}"
        return result
    inputs = [*workload.files, *([workload.settings] if workload.settings else [])]
    shapes = output_shapes(outputs)
    result.output_cells = sum(s.cells for s in shapes)
    floor_path = out_root / f"{workload.command}_write_floor.xlsx"
    result.read_floor, result.read_floor_cpu = min(
        read_floor(inputs) for _ in range(max(1, repeat)))
    result.write_floor, result.write_floor_cpu = min(
        write_floor(shapes, floor_path) for _ in range(max(1, repeat)))
    floor_path.unlink(missing_ok=True)
    return result


def bench(workloads: dict[str, generate.Workload], out_root: Path = DEFAULT_OUT,
          repeat: int = 1, commands: tuple[str, ...] = COMMANDS) -> list[Result]:
    """Benchmark each command; a command without workload or script is 'not available'."""
    results = []
    for command in commands:
        if command in workloads:
            results.append(bench_command(workloads[command], out_root, repeat))
        else:
            results.append(Result(command, False, message="no workload generated"))
    return results


def help_seconds(command: str, repeat: int = 5) -> float | None:
    """Fastest wall time of `python scripts/<command>.py --help` (start-up and imports)."""
    if not command_available(command):
        return None
    runs = [run_process([sys.executable, str(SCRIPTS / f"{command}.py"), "--help"])
            for _ in range(max(1, repeat))]
    return _best(runs).seconds


def example_payroll(out_root: Path, repeat: int = 3) -> Measurement:
    """The example office's payroll end to end (its files named, so the inbox is ignored)."""
    workload = generate.Workload("payroll", [str(EXAMPLES / "staff.xlsx"),
                                             str(EXAMPLES / "timesheet.xlsx")],
                                 str(EXAMPLES / "settings.xlsx"))
    return _best([run_command(workload, out_root / "example_payroll")[0]
                  for _ in range(max(1, repeat))])


# --------------------------------------------------------------------------- printing


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def table_rows(results: list[Result]) -> list[list[str]]:
    """Header and one row per command, as text cells."""
    rows = [["command", "input rows", "output cells", "ours s", "peak MB", "read floor s",
             "write floor s", "ratio", "ours CPU s", "CPU ratio"]]
    for r in results:
        if not r.available or r.code != 0:
            rows.append([r.command, f"{r.input_rows:,}", "", _num(r.seconds), r.message])
            continue
        peak = "" if r.peak_bytes is None else f"{r.peak_bytes / 2**20:,.0f}"
        cpu_ratio = "" if r.cpu_ratio is None else _num(r.cpu_ratio) + "x"
        rows.append([r.command, f"{r.input_rows:,}", f"{r.output_cells:,}", _num(r.seconds),
                     peak, _num(r.read_floor), _num(r.write_floor), _num(r.ratio) + "x",
                     _num(r.cpu_seconds), cpu_ratio])
    return rows


def format_table(results: list[Result], markdown: bool = False) -> str:
    """The results as an aligned text table, or a Markdown table."""
    rows = table_rows(results)
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows[1:]])
    full = [r for r in rows if len(r) == len(rows[0])]  # a message row is not aligned
    widths = [max(len(r[c]) for r in full) for c in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) if c else cell.ljust(w)
                               for c, (cell, w) in enumerate(zip(r, widths, strict=False)))
                      .rstrip() for r in rows)


def machine() -> str:
    """One line naming the machine: CPUs, memory, Python, platform."""
    import platform

    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpus} CPUs{memory}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}")


def main(argv: list[str] | None = None) -> int:
    """Command line: generate (if needed), benchmark, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="workload size (1 = full)")
    parser.add_argument("--data", type=Path, default=None,
                        help="folder of generated inputs (default benchmarks/data/, or "
                             "benchmarks/data/scale-<s>/ when --scale is not 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for outputs")
    parser.add_argument("--repeat", type=int, default=1, help="keep the best of N runs")
    parser.add_argument("--only", choices=COMMANDS, action="append",
                        help="benchmark only this command (repeatable)")
    parser.add_argument("--regenerate", action="store_true", help="generate the data anew")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--floor", nargs=2, metavar=("KIND", "REQUEST"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.floor:  # internal: one floor, in this fresh process
        kind, payload = args.floor[0], json.loads(Path(args.floor[1]).read_text("utf-8"))
        import pandas  # noqa: F401  imported before the clock starts: a floor times work,
        import xlsxwriter  # noqa: F401  not start-up
        print(json.dumps(_timed(lambda: _do_read_floor(payload["files"])) if kind == "read"
                         else _timed(lambda: _do_write_floor(payload["shapes"],
                                                             payload["path"]))))
        return 0

    data = args.data or (generate.DEFAULT_DATA if args.scale == 1
                         else generate.DEFAULT_DATA / f"scale-{args.scale:g}")
    workloads = None if args.regenerate else generate.load_manifest(data, args.scale)
    if workloads is None:
        print(f"Generating workloads at scale {args.scale:g} into {data} ...", flush=True)
        started = time.perf_counter()
        workloads = generate.generate(data, args.scale)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    commands = tuple(args.only or COMMANDS)
    print(f"Machine: {machine()}", flush=True)
    results = bench(workloads, args.out, args.repeat, commands)
    print(format_table(results, args.markdown))
    for r in results:
        if r.available and r.code == 0 and r.peak_bytes is None:
            print(f"({r.command}: peak memory is not measured on this platform)")
    print()
    helps = {c: help_seconds(c) for c in commands if command_available(c)}
    print("--help (start-up and imports): " + ", ".join(
        f"{c} {_num(s)} s" for c, s in helps.items()))
    if "payroll" in commands and command_available("payroll"):
        example = example_payroll(args.out)
        state = "" if example.code == 0 else f" (exit code {example.code})"
        print(f"Example office payroll, end to end: {example.seconds:.2f} s{state}")
    (args.out / "results.json").write_text(json.dumps(
        {"machine": machine(), "scale": args.scale,
         "results": [asdict(r) | {"ratio": r.ratio, "cpu_ratio": r.cpu_ratio}
                     for r in results],
         "help_seconds": helps}, indent=2), encoding="utf-8")
    return 0 if all(r.code in (None, 0) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
