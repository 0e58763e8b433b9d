"""Compare the budget with actuals: python scripts/budget.py [FILES...] (see --help)."""
from medoffice.cli.budget import main

raise SystemExit(main())
