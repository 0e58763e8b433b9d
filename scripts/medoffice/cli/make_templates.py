"""make_templates: write the blank input workbooks and README's column tables from the schemas.

    python scripts/make_templates.py            # write templates/*.xlsx, update README.md
    python scripts/make_templates.py --check    # write nothing; exit 1 if anything is stale

A small standalone argparse command for now; it moves onto the shared command base
(cli/base.py) once that exists.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..docs import ReadmeMarkersMissing, readme_with_tables, update_readme
from ..schemas import TEMPLATES
from ..templates import is_current, template_path, write_all_templates

REPO = Path(__file__).resolve().parents[3]
DEFAULT_TEMPLATES = REPO / "templates"
DEFAULT_README = REPO / "README.md"

EXIT_OK, EXIT_STALE, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The command's arguments: where templates go, which README, and check-only mode."""
    parser = argparse.ArgumentParser(
        prog="make_templates.py",
        description="Write the blank input workbooks (templates/*.xlsx) and the column "
                    "tables in README.md from the schemas.",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_TEMPLATES, metavar="DIR",
                        help="folder for the templates (default: the repo's templates/)")
    parser.add_argument("--readme", type=Path, default=DEFAULT_README, metavar="PATH",
                        help="README whose column tables to update (default: the repo's)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 listing what is out of date")
    return parser


def stale_files(out: Path, readme: Path) -> list[str]:
    """What regeneration would change: template files and/or the README, with a reason."""
    stale = []
    for schema in TEMPLATES:
        path = template_path(out, schema)
        if not is_current(schema, path):
            stale.append(str(path) if path.exists() else f"{path} (missing)")
    if not readme.is_file():
        stale.append(f"{readme} (missing)")
    else:
        text = readme.read_text(encoding="utf-8")
        if readme_with_tables(text) != text:
            stale.append(f"{readme} (column tables)")
    return stale


def _check(out: Path, readme: Path) -> int:
    stale = stale_files(out, readme)
    if not stale:
        print("Templates and README column tables are up to date.")
        return EXIT_OK
    print("Out of date (run python scripts/make_templates.py):")
    for item in stale:
        print(f"  {item}")
    return EXIT_STALE


def _write(out: Path, readme: Path) -> int:
    # README first: a README without its markers stops the run before anything is written.
    changed = update_readme(readme)
    paths = write_all_templates(out)
    print(f"Wrote {len(paths)} templates to {out}: " + ", ".join(p.name for p in paths))
    print(f"{'Updated' if changed else 'Unchanged'}: column tables in {readme}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns 0 when done or current, 1 when stale (--check), 2 on errors."""
    args = build_parser().parse_args(argv)
    try:
        return _check(args.out, args.readme) if args.check else _write(args.out, args.readme)
    except (ReadmeMarkersMissing, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_USAGE
