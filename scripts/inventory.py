"""Supply reorders, purchase orders, expiry, equipment: python scripts/inventory.py (see --help)."""
from medoffice.cli.inventory import main

raise SystemExit(main())
