"""Watch the inbox, run what changed or is due, email the results: python scripts/autopilot.py."""
from medoffice.cli.autopilot import main

raise SystemExit(main())
