"""Profile one command on a generated workload, to see where its time goes.

    python benchmarks/hotspots.py payroll               # full size
    python benchmarks/hotspots.py budget --scale 0.1    # a tenth

Runs the command in this process under pyinstrument when it is installed (a sampling
profiler: low overhead, a readable call tree; `pip install pyinstrument`), else under
cProfile (exact counts, but it slows Python-heavy code several times over, so read its
figures as proportions). The workload is generated first when missing.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import pstats
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
SCRIPTS = HERE.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

import generate  # noqa: E402
import run  # noqa: E402


def command_argv(workload: generate.Workload, out_dir: Path) -> list[str]:
    """The command's own arguments (no interpreter, no script) for this workload."""
    return run.command_argv(workload, out_dir)[2:]


def profile(command: str, scale: float, top: int = 40) -> int:
    """Run `command` on its workload under a profiler and print where the time went."""
    from medoffice.cli.registry import command_class
    from medoffice.delivery.parallel import WORKERS_VARIABLE

    # Outputs are written in forked processes where the machine allows, out of the
    # profiler's sight: write them here, one after the other.
    os.environ[WORKERS_VARIABLE] = "1"

    data = generate.DEFAULT_DATA if scale == 1 else generate.DEFAULT_DATA / f"scale-{scale:g}"
    workloads = generate.load_manifest(data, scale) or generate.generate(data, scale)
    with tempfile.TemporaryDirectory() as out:
        argv = command_argv(workloads[command], Path(out))
        main = command_class(command)().main
        if importlib.util.find_spec("pyinstrument"):
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
            code = main(argv)
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        else:
            prof = cProfile.Profile()
            code = prof.runcall(main, argv)
            stats = pstats.Stats(prof).strip_dirs()
            stats.sort_stats("cumulative").print_stats(top)
            stats.sort_stats("tottime").print_stats(top // 2)
    print(f"exit code {code}")
    return code


def main(argv: list[str] | None = None) -> int:
    """Command line: which command, at which scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=run.COMMANDS)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--top", type=int, default=40, help="cProfile: lines to show")
    args = parser.parse_args(argv)
    return profile(args.command, args.scale, args.top)


if __name__ == "__main__":
    sys.exit(main())
