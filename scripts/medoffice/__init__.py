"""medoffice: spreadsheet automation for the manager of a medical office.

Data flows one way: read (intake) -> validate (schemas) -> compute (payroll, ...)
-> render (report) -> deliver (delivery).
"""

__version__ = "0.1.0"
