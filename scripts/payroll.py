"""Compute a pay period's payroll: python scripts/payroll.py [FILES...] (see --help)."""
from medoffice.cli.payroll import main

raise SystemExit(main())
