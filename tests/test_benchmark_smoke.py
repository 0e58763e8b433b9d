"""The benchmark at 1/100 size, end to end, so that it cannot rot.

Nothing here is timed: the figures live in benchmarks/README.md. These tests check that
the generator, the runner and every available command still work together, and that
`--help` stays free of the heavy libraries (the start-up target depends on it).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import generate  # noqa: E402  (benchmarks/ is not a package)
import run  # noqa: E402

HEAVY = ("pandas", "numpy", "xlsxwriter", "python_calamine", "openpyxl")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workloads(tmp_path_factory) -> dict[str, generate.Workload]:
    return generate.generate(tmp_path_factory.mktemp("bench-data"), scale=0.01)


def test_generator_writes_every_workload_at_the_requested_size(workloads):
    assert set(workloads) == {"payroll", "inventory", "budget"}
    # 1/100 of 10,000 staff, 50,000 lots, 500,000 usage rows, 2,000 lines, 300,000 rows
    assert workloads["payroll"].rows["Staff"] == 100
    assert 900 <= workloads["payroll"].rows["Time"] <= 1100  # about 10 rows per person
    assert workloads["inventory"].rows["Supplies"] == 500
    assert workloads["inventory"].rows["Usage"] == 5000
    assert workloads["budget"].rows["Budget"] == 20
    assert workloads["budget"].rows["Actuals"] == 3000
    for workload in workloads.values():
        assert all(Path(f).is_file() for f in workload.files)


def test_generator_is_deterministic(workloads, tmp_path):
    again = generate.generate(tmp_path, scale=0.01, commands=("payroll",))
    for first, second in zip(workloads["payroll"].files, again["payroll"].files, strict=True):
        assert Path(first).read_bytes() == Path(second).read_bytes()


def test_manifest_is_reused_only_at_the_same_scale(workloads):
    folder = Path(workloads["payroll"].files[0]).parent
    assert generate.load_manifest(folder, 0.01) == workloads
    assert generate.load_manifest(folder, 0.02) is None


@pytest.mark.parametrize("command", run.COMMANDS)
def test_command_runs_end_to_end_beside_its_floors(command, workloads, tmp_path):
    if not run.command_available(command):
        pytest.skip(f"scripts/{command}.py does not exist yet")
    result = run.bench_command(workloads[command], tmp_path)
    assert result.code == 0, result.message
    outputs = [Path(p) for p in result.outputs]
    assert any(p.suffix == ".xlsx" for p in outputs)
    assert all(p.stat().st_size > 0 for p in outputs)
    assert result.output_cells > 0
    assert result.read_floor > 0 and result.write_floor > 0 and result.ratio > 0
    if sys.platform != "win32":
        assert result.peak_bytes > 10 * 2**20  # a Python with pandas loaded, at least


def test_a_missing_command_is_reported_not_available(workloads, tmp_path):
    result = run.bench_command(replace(workloads["payroll"], command="nosuch"), tmp_path)
    assert not result.available and result.message == "not available"
    assert "not available" in run.format_table([result])
    assert "| nosuch |" in run.format_table([result], markdown=True)


def test_write_floor_writes_as_many_text_and_number_cells_as_asked(tmp_path):
    shapes = [run.SheetShape("Wide", 5, 7, 11), run.SheetShape("Numbers", 1, 0, 3)]
    run.write_floor(shapes, tmp_path / "floor.xlsx")
    counted = run.output_shapes([tmp_path / "floor.xlsx"])
    assert [(s.strings, s.numbers, s.columns) for s in counted] == [(7, 11 + 3, 5)]


def test_runner_command_line_prints_the_table(workloads, tmp_path, capsys):
    data = Path(workloads["payroll"].files[0]).parent
    code = run.main(["--scale", "0.01", "--data", str(data), "--out", str(tmp_path),
                     "--only", "payroll"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "read floor s" in printed and "payroll" in printed
    assert "Example office payroll, end to end:" in printed
    assert (tmp_path / "results.json").is_file()


@pytest.mark.parametrize("command", run.COMMANDS)
def test_help_imports_no_heavy_library(command):
    if not run.command_available(command):
        pytest.skip(f"scripts/{command}.py does not exist yet")
    done = subprocess.run([sys.executable, "-X", "importtime", str(run.SCRIPTS / f"{command}.py"),
                           "--help"], capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert not imported & set(HEAVY), f"--help imports {sorted(imported & set(HEAVY))}"
