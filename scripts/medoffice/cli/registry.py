"""Every command by name, for the autopilot and anything else that runs commands by name.

Values are "module:Class" strings so that nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import importlib

COMMANDS: dict[str, str] = {
    "payroll": "medoffice.cli.payroll:PayrollCommand",
    "budget": "medoffice.cli.budget:BudgetCommand",
    "inventory": "medoffice.cli.inventory:InventoryCommand",
}


def command_class(name: str):
    """The Command subclass registered under `name`."""
    module, _, cls = COMMANDS[name].partition(":")
    return getattr(importlib.import_module(module), cls)
