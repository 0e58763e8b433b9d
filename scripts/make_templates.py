"""Write the blank input workbooks into templates/ and refresh README's column tables."""
from medoffice.cli.make_templates import main

raise SystemExit(main())
