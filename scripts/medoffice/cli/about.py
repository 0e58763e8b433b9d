"""Fill in what every output's About and Check these sheets carry: inputs, settings, version."""

from __future__ import annotations

import datetime as dt

from .. import __version__
from ..report.spec import InputRecord, Report


def finish_report(report: Report, inputs, settings, command, problems=()) -> Report:
    """Add the inputs read (with SHA-256), settings used, program, run time and every
    warning (from intake and from the computation) to a report."""
    report.inputs = [InputRecord(file=f.name, sha256=f.sha256, size=f.size,
                                 sheets=", ".join(inputs.sheets_read(f)))
                     for f in inputs.files if inputs.sheets_read(f)]
    report.settings = [(key, f"{value}  ({origin})" if origin != "default" else value)
                       for key, value, origin in settings.used()]
    report.program = f"medoffice {__version__} {command.name}"
    now = command.clock() if command.clock else dt.datetime.now()
    report.ran_at = now.replace(microsecond=0)
    report.warnings = [p for p in [*inputs.problems, *problems] if not p.is_error]
    return report
