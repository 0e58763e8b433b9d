"""Generate large, deterministic workloads in the input contracts of DESIGN §4.

    python benchmarks/generate.py                 # full size into benchmarks/data/
    python benchmarks/generate.py --scale 0.01    # 1/100 size, for a smoke run

Full size is a very large office, well past the 500 staff the project is built for:
- payroll: 10,000 staff, one biweekly period of about 100,000 timesheet rows (punches
  with overnight shifts and differentials, paid leave, training, rate overrides and
  bonuses), with a settings workbook carrying Holidays and Differentials sheets;
- inventory: 50,000 supply lot rows, 500,000 usage rows, equipment and vendors;
- budget: 2,000 account-department budget lines and 300,000 ledger rows.

Big logs are split into monthly export files (usage, ledger), as offices export them,
so that no single file passes intake's size limits (files.MAX_UNPACKED_BYTES). Every
value comes from a seeded random generator, so the same scale gives the same cells.
Workbooks are written with xlsxwriter in constant_memory mode (rows streamed to disk),
and dates and times go out as Excel serial numbers with a date/time format, exactly as
Excel stores them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / "data"
MANIFEST = "manifest.json"
GENERATOR_VERSION = 3  # bump when the generated data changes, so stale data is remade

EXCEL_EPOCH = dt.date(1899, 12, 30)
CREATED = dt.datetime(2026, 1, 1)

# Full-size workload dimensions (multiplied by --scale).
STAFF = 10_000
SUPPLY_LOTS = 50_000
USAGE_ROWS = 500_000
BUDGET_LINES = 2_000
LEDGER_ROWS = 300_000

OFFICE = "Benchmark Regional Health"
PAY_ANCHOR = dt.date(2026, 1, 11)  # a Sunday on which a biweekly pay period began
PERIOD_START = dt.date(2026, 11, 15)  # 22 periods after the anchor
THANKSGIVING = dt.date(2026, 11, 26)
INVENTORY_AS_OF = dt.date(2026, 11, 30)
USAGE_MONTHS = ((2026, 9), (2026, 10), (2026, 11))
LEDGER_MONTHS = tuple((2026, m) for m in range(1, 11))  # January to October actuals

DEPARTMENTS = ("Nursing", "Front office", "Laboratory", "Radiology", "Billing",
               "Pediatrics", "Cardiology", "Orthopedics", "Urgent care", "Pharmacy",
               "Physical therapy", "Behavioral health", "Dermatology", "Oncology",
               "Surgery", "Obstetrics", "Family medicine", "Endocrinology", "Neurology",
               "Facilities")
ROLES = (("RN", 34, 58), ("LPN", 24, 34), ("Medical assistant", 17, 24),
         ("Front desk", 16, 22), ("Lab tech", 21, 32), ("Radiology tech", 28, 42),
         ("Billing specialist", 20, 30), ("Pharmacy tech", 18, 25), ("Physical therapist",
                                                                       38, 55))
FIRST = ("Ava", "Ben", "Carla", "Dev", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jamal",
         "Kara", "Luis", "Mina", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tess")
LAST = ("Adams", "Bell", "Cruz", "Dunn", "Ellis", "Ford", "Gupta", "Hale", "Ito", "Jones",
        "Khan", "Lopez", "Moore", "Nash", "Ortiz", "Patel", "Reyes", "Stone", "Tran", "Vogel")


@dataclass
class Workload:
    """One command's generated inputs: files, settings and extra arguments to run it."""

    command: str
    files: list[str]
    settings: str | None = None
    args: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # data rows per input sheet


# --------------------------------------------------------------------------- writing


def serial(day: dt.date) -> int:
    """An Excel serial day number (what a date cell holds)."""
    return (day - EXCEL_EPOCH).days


def day_fraction(t: dt.time) -> float:
    """An Excel time of day: the fraction of a day."""
    return (t.hour * 3600 + t.minute * 60 + t.second) / 86400


class SheetWriter:
    """Stream typed rows into one sheet; kinds: text, number, money, date, time, hours."""

    def __init__(self, book: BookWriter, name: str, columns: list[tuple[str, str]]):
        self.ws = book.book.add_worksheet(name)
        self.kinds = [kind for _, kind in columns]
        self.formats = [book.formats.get(kind) for kind in self.kinds]
        self.date_format = book.formats["date"]
        self.row = 0
        for c, (header, _kind) in enumerate(columns):
            self.ws.write_string(0, c, header, book.formats["header"])
            self.ws.set_column(c, c, max(10, len(header) + 2))
        self.ws.freeze_panes(1, 0)

    def add(self, values: list) -> None:
        """Write one data row; None leaves a cell blank."""
        self.row += 1
        ws, r = self.ws, self.row
        for c, value in enumerate(values):
            if value is None:
                continue
            kind = self.kinds[c]
            if kind == "date" or isinstance(value, dt.date):
                ws.write_number(r, c, serial(value), self.date_format)
            elif kind == "time":
                ws.write_number(r, c, day_fraction(value), self.formats[c])
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write_number(r, c, value, self.formats[c])


class BookWriter:
    """A constant-memory xlsxwriter workbook with the formats the inputs use."""

    def __init__(self, path: Path):
        self.path = path
        self.book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "strings_to_formulas": False,
            "strings_to_numbers": False, "strings_to_urls": False})
        self.book.set_properties({"author": "medoffice benchmarks", "created": CREATED})
        self.formats = {
            "header": self.book.add_format({"bold": True, "bg_color": "#DDEBF7"}),
            "date": self.book.add_format({"num_format": "yyyy-mm-dd"}),
            "time": self.book.add_format({"num_format": "hh:mm"}),
            "money": self.book.add_format({"num_format": "$#,##0.00"}),
            "hours": self.book.add_format({"num_format": "0.00"}),
        }

    def sheet(self, name: str, columns: list[tuple[str, str]]) -> SheetWriter:
        """A new sheet with its header row written."""
        return SheetWriter(self, name, columns)

    def close(self) -> Path:
        """Finish the file."""
        self.book.close()
        return self.path


def scaled(full: int, scale: float, minimum: int) -> int:
    """A full-size count times the scale, never below a useful minimum."""
    return max(minimum, round(full * scale))


# --------------------------------------------------------------------------- payroll

DIFFERENTIAL_ROWS = (
    # name, days, from, to, extra per hour, extra percent, multiplier, roles
    ("Night", None, dt.time(19, 0), dt.time(7, 0), 2.5, None, None, None),
    ("Weekend", "Sat, Sun", None, None, None, 10, None, None),
    ("Holiday premium", "Holidays", None, None, None, None, 1.5, None),
    ("Charge nurse", None, None, None, 3, None, None, "RN"),
    ("On call", None, None, None, 4, None, None, None),
)
HOLIDAY_ROWS = (
    (dt.date(2026, 1, 1), "New Year's Day"), (dt.date(2026, 1, 19), "Martin Luther King Jr. Day"),
    (dt.date(2026, 2, 16), "Washington's Birthday"), (dt.date(2026, 5, 25), "Memorial Day"),
    (dt.date(2026, 6, 19), "Juneteenth"), (dt.date(2026, 7, 3), "Independence Day (observed)"),
    (dt.date(2026, 9, 7), "Labor Day"), (dt.date(2026, 11, 11), "Veterans Day"),
    (THANKSGIVING, "Thanksgiving"), (dt.date(2026, 12, 25), "Christmas Day"),
)
SHIFTS = {  # name: (in, out, unpaid break minutes)
    "day": (dt.time(7, 0), dt.time(15, 30), 30),
    "mid": (dt.time(9, 0), dt.time(17, 30), 30),
    "evening": (dt.time(15, 0), dt.time(23, 30), 30),
    "night": (dt.time(19, 0), dt.time(7, 30), 30),  # crosses midnight
    "short": (dt.time(8, 0), dt.time(12, 0), 0),
}


def write_payroll_settings(path: Path) -> Path:
    """The settings workbook of the benchmark office: Settings, Holidays, Differentials."""
    book = BookWriter(path)
    ws = book.sheet("Settings", [("Setting", "text"), ("Value", "text"), ("Notes", "text")])
    for key, value in (("Office name", OFFICE), ("Pay frequency", "Biweekly"),
                       ("Workweek starts on", "Sunday"), ("Overtime rule", "Federal"),
                       ("Fiscal year starts", "January"), ("Employer tax rate %", "7.65"),
                       ("Pay period start", PAY_ANCHOR)):
        ws.add([key, value, None])
    ws = book.sheet("Holidays", [("Date", "date"), ("Holiday", "text"), ("Paid hours", "hours")])
    for day, name in HOLIDAY_ROWS:
        ws.add([day, name, 8])
    ws = book.sheet("Differentials", [
        ("Name", "text"), ("Days", "text"), ("From", "time"), ("To", "time"),
        ("Extra per hour", "money"), ("Extra percent", "number"), ("Pay multiplier", "number"),
        ("Roles", "text")])
    for row in DIFFERENTIAL_ROWS:
        ws.add(list(row))
    return book.close()


def _staff(rng: random.Random, n: int) -> list[dict]:
    people = []
    for i in range(n):
        emp_id = str(100001 + i)
        salaried = i % 20 == 7  # 5% salaried exempt (physicians, managers)
        dept = DEPARTMENTS[rng.randrange(len(DEPARTMENTS))]
        if salaried:
            role, rate = "Physician", float(rng.randrange(90, 320) * 1000)
        else:
            role, low, high = ROLES[rng.randrange(len(ROLES))]
            rate = round(rng.uniform(low, high), 2)
        employment = ("Full-time" if salaried or rng.random() < 0.8
                      else "Part-time" if rng.random() < 0.6 else "PRN")
        people.append({
            "id": emp_id, "name": f"{FIRST[rng.randrange(20)]} {LAST[rng.randrange(20)]}",
            "role": role, "dept": dept, "employment": employment,
            "pay_type": "Salary" if salaried else "Hourly", "rate": rate,
            "flsa": "Exempt" if salaried else "Non-exempt",
            "hire": dt.date(2005, 1, 3) + dt.timedelta(days=rng.randrange(7600)),
            "mentor": str(100001 + rng.randrange(n)) if rng.random() < 0.1 else None,
        })
    return people


def write_staff(path: Path, people: list[dict]) -> Path:
    """The Staff roster, one row per person."""
    book = BookWriter(path)
    ws = book.sheet("Staff", [
        ("Employee ID", "text"), ("Name", "text"), ("Role", "text"), ("Department", "text"),
        ("Employment", "text"), ("Pay type", "text"), ("Rate", "money"), ("FLSA status", "text"),
        ("Salary basis", "text"), ("Standard hours", "hours"), ("Email", "text"),
        ("Hire date", "date"), ("Termination date", "date"), ("Mentor ID", "text")])
    for p in people:
        ws.add([p["id"], p["name"], p["role"], p["dept"], p["employment"], p["pay_type"],
                p["rate"], p["flsa"], None, None, f"staff{p['id']}@benchmark.example",
                p["hire"], None, p["mentor"]])
    return book.close()


def _shift_days(rng: random.Random, employment: str) -> list[dt.date]:
    """The days one person works in the period (Thanksgiving closed); part-time and PRN
    staff work at most three days a week."""
    weeks = [[PERIOD_START + dt.timedelta(days=7 * w + d) for d in range(7)] for w in (0, 1)]
    weeks = [[d for d in week if d != THANKSGIVING] for week in weeks]
    if employment == "Full-time":
        days = rng.sample(weeks[0] + weeks[1], 10 if rng.random() < 0.35 else 9)
    else:
        per_week = 3 if employment == "Part-time" else 2
        days = [d for week in weeks for d in rng.sample(week, per_week)]
    return sorted(days)


def _time_rows(rng: random.Random, person: dict) -> list[list]:
    """One person's timesheet rows for the period (punches, leave, training)."""
    rows = []
    days = _shift_days(rng, person["employment"])
    kind = rng.choice(("day", "day", "day", "mid", "evening", "night"))
    sick = rng.choice(days) if rng.random() < 0.08 else None
    pto = rng.choice(days) if rng.random() < 0.15 else None
    emp = int(person["id"])  # time clocks export IDs as numbers
    for day in days:
        if day in (sick, pto):
            code = "Sick" if day == sick else "PTO"
            rows.append([emp, day, None, None, None, 8, code, None, None, None, None])
            continue
        start, end, brk = SHIFTS["short" if rng.random() < 0.05 else kind]
        weekend = day.weekday() >= 5
        differential = ("Weekend" if weekend and rng.random() < 0.5
                        else "Charge nurse" if person["role"] == "RN" and rng.random() < 0.1
                        else "On call" if rng.random() < 0.02 else None)
        rate = round(person["rate"] * 0.9, 2) if rng.random() < 0.02 else None
        dept = DEPARTMENTS[rng.randrange(len(DEPARTMENTS))] if rng.random() < 0.03 else None
        note = "covered a colleague" if rng.random() < 0.02 else None
        rows.append([emp, day, start, end, brk, None, "Work", rate, differential, dept, note])
        if kind in ("day", "mid") and rng.random() < 0.15:  # a second, evening clinic punch
            rows.append([emp, day, dt.time(18, 0), dt.time(21, 0), 0, None, "Work", None,
                         None, None, "evening clinic"])
    if rng.random() < 0.2:
        rows.append([emp, days[0], None, None, None, 2, "Training", None, None, None,
                     "annual compliance training"])
    if person["employment"] == "Full-time":
        rows.append([emp, THANKSGIVING, None, None, None, 8, "Holiday", None, None, None, None])
    return rows


def write_timesheet(path: Path, people: list[dict], rng: random.Random) -> tuple[Path, int, int]:
    """The Time sheet (sorted by date, as time clocks export) and a Bonuses sheet."""
    rows = [row for p in people if p["pay_type"] == "Hourly" for row in _time_rows(rng, p)]
    rows.sort(key=lambda r: (r[1], r[0]))
    book = BookWriter(path)
    ws = book.sheet("Time", [
        ("Employee ID", "number"), ("Date", "date"), ("In", "time"), ("Out", "time"),
        ("Unpaid break (min)", "number"), ("Hours", "hours"), ("Pay code", "text"),
        ("Rate", "money"), ("Differential", "text"), ("Department", "text"), ("Note", "text")])
    for row in rows:
        ws.add(row)
    bonuses = book.sheet("Bonuses", [
        ("Employee ID", "text"), ("Date", "date"), ("Amount", "money"), ("Type", "text"),
        ("Covers from", "date"), ("Covers to", "date"), ("Note", "text")])
    n_bonus = 0
    end = PERIOD_START + dt.timedelta(days=13)
    for p in people:
        if p["pay_type"] != "Hourly" or rng.random() >= 0.05:
            continue
        kind = rng.choice(("Nondiscretionary", "Production", "Discretionary"))
        bonuses.add([p["id"], end, float(rng.randrange(50, 500)), kind, PERIOD_START, end,
                     "quality bonus" if kind != "Discretionary" else "thank-you gift"])
        n_bonus += 1
    book.close()
    return path, len(rows), n_bonus


def make_payroll(folder: Path, scale: float) -> Workload:
    """Staff roster, timesheet and settings for one biweekly period."""
    rng = random.Random(1001)
    people = _staff(rng, scaled(STAFF, scale, 40))
    staff = write_staff(folder / "payroll_staff.xlsx", people)
    timesheet, n_time, n_bonus = write_timesheet(folder / "payroll_timesheet.xlsx", people, rng)
    settings = write_payroll_settings(folder / "payroll_settings.xlsx")
    return Workload("payroll", [str(staff), str(timesheet)], str(settings),
                    ["--period-start", PERIOD_START.isoformat()],
                    {"Staff": len(people), "Time": n_time, "Bonuses": n_bonus})


# --------------------------------------------------------------------------- inventory

CATEGORIES = ("PPE", "Wound care", "Syringes", "Lab supplies", "Exam room", "Cleaning",
              "Office", "Pharmacy", "Orthopedic", "IV supplies")
UNITS = ("box", "each", "case", "pack", "bottle")
NEVER_EXPIRE = ("Office", "Exam room", "Orthopedic", "Cleaning")  # lots may lack a date


def make_inventory(folder: Path, scale: float) -> Workload:
    """Supplies (lots), monthly usage logs, equipment and vendors."""
    rng = random.Random(2002)
    n_lots = scaled(SUPPLY_LOTS, scale, 40)
    n_items = max(10, n_lots // 4)
    vendors = [f"Vendor {i:02d} Medical" for i in range(1, max(5, round(60 * min(1, scale * 10)))
                                                          + 1)]
    items = []
    for i in range(n_items):
        par = rng.randrange(10, 400)
        items.append({"id": f"SKU-{i + 1:06d}", "name": f"{CATEGORIES[i % 10]} item {i + 1}",
                      "category": CATEGORIES[i % 10], "unit": UNITS[rng.randrange(5)],
                      "pack": (pack := rng.choice((1, 5, 10, 12, 24, 50, 100))), "par": par,
                      "on_order": rng.choice((0, 0, 0, pack)),
                      "reorder": par // 3, "cost": round(rng.uniform(0.2, 400), 2)
                      if rng.random() > 0.02 else None,
                      "vendor": vendors[rng.randrange(len(vendors))],
                      "location": f"Supply room {'ABCDEF'[rng.randrange(6)]}"})
    book = BookWriter(folder / "inventory.xlsx")
    ws = book.sheet("Supplies", [
        ("Item ID", "text"), ("Item", "text"), ("Category", "text"), ("Unit", "text"),
        ("Pack size", "number"), ("On hand", "number"), ("On order", "number"),
        ("Par level", "number"), ("Reorder point", "number"), ("Unit cost", "money"),
        ("Vendor", "text"), ("Location", "text"), ("Lot", "text"), ("Expires", "date")])
    for lot in range(n_lots):
        item = items[lot % n_items]
        expires = (None if item["category"] in NEVER_EXPIRE and rng.random() < 0.7 else
                   INVENTORY_AS_OF + dt.timedelta(days=rng.randrange(-30, 720)))
        ws.add([item["id"], item["name"], item["category"], item["unit"], item["pack"],
                rng.randrange(0, 60), item["on_order"], item["par"],
                item["reorder"], item["cost"], item["vendor"], item["location"],
                f"L{rng.randrange(10**6):06d}", expires])
    n_assets = scaled(1500, scale, 10)
    ws = book.sheet("Equipment", [
        ("Asset ID", "text"), ("Equipment", "text"), ("Location", "text"),
        ("Serial number", "text"), ("Last service", "date"), ("Service every (days)", "number"),
        ("Next service", "date"), ("Status", "text")])
    for a in range(n_assets):
        last = INVENTORY_AS_OF - dt.timedelta(days=rng.randrange(1, 400))
        ws.add([f"EQ-{a + 1:05d}", rng.choice(("Autoclave", "ECG machine", "Exam table",
                                                "Defibrillator", "Centrifuge", "Otoscope")),
                f"Room {rng.randrange(1, 300)}", f"SN{rng.randrange(10**8):08d}", last,
                rng.choice((90, 180, 365)), None,
                "Out of service" if rng.random() < 0.03 else "In service"])
    ws = book.sheet("Vendors", [("Vendor", "text"), ("Email", "text"), ("Phone", "text"),
                                ("Lead time (days)", "number"), ("Minimum order", "money")])
    for i, vendor in enumerate(vendors):
        ws.add([vendor, f"orders{i + 1}@vendor.example", f"555-01{i:02d}",
                rng.randrange(2, 15), float(rng.choice((0, 100, 250, 500)))])
    files = [str(book.close())]

    n_usage = scaled(USAGE_ROWS, scale, 60)
    per_month = -(-n_usage // len(USAGE_MONTHS))
    written = 0
    for year, month in USAGE_MONTHS:
        first = dt.date(year, month, 1)
        days = (INVENTORY_AS_OF - first).days + 1 if month == INVENTORY_AS_OF.month else (
            (dt.date(year + month // 12, month % 12 + 1, 1) - first).days)
        book = BookWriter(folder / f"usage_{year}-{month:02d}.xlsx")
        ws = book.sheet("Usage", [("Date", "date"), ("Item ID", "text"),
                                  ("Quantity used", "number")])
        count = min(per_month, n_usage - written)
        for k in range(count):
            day = first + dt.timedelta(days=k * days // count)
            ws.add([day, items[rng.randrange(n_items)]["id"], rng.randrange(1, 12)])
        written += count
        files.append(str(book.close()))
    return Workload("inventory", files, None, ["--as-of", INVENTORY_AS_OF.isoformat()],
                    {"Supplies": n_lots, "Usage": n_usage, "Equipment": n_assets,
                     "Vendors": len(vendors)})


# --------------------------------------------------------------------------- budget

ACCOUNTS = ("Medical supplies", "Office supplies", "Rent", "Utilities", "Insurance",
            "Salaries and wages", "Contract labor", "Equipment lease", "Maintenance",
            "Software", "Training", "Travel", "Marketing", "Legal and accounting",
            "Laboratory fees", "Pharmacy", "Linen service", "Waste disposal", "Telephone",
            "Postage")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
VENDORS = ("Medline", "Henry Schein", "McKesson", "Cardinal Health", "Staples", "Comcast",
           "City Utilities", "Allied Insurance", "Stericycle", "Cintas", "Quest", "LabCorp")


def make_budget(folder: Path, scale: float) -> Workload:
    """An annual budget by month and monthly ledger exports of actuals."""
    rng = random.Random(3003)
    n_lines = scaled(BUDGET_LINES, scale, 20)
    n_depts = 10
    n_accounts = -(-n_lines // n_depts)
    revenue = [a % 40 == 0 for a in range(n_accounts)]  # 5 of 200; at least 1 at any scale
    accounts = [(f"{4000 + 10 * a if revenue[a] else 6000 + 10 * a} "
                 f"{'Patient revenue' if revenue[a] else ACCOUNTS[a % 20]} {a + 1}",
                 "Revenue" if revenue[a] else "Expense") for a in range(n_accounts)]
    lines = [(acct, kind, DEPARTMENTS[d]) for acct, kind in accounts
             for d in range(n_depts)][:n_lines]
    book = BookWriter(folder / "budget.xlsx")
    ws = book.sheet("Budget", [("Account", "text"), ("Type", "text"), ("Department", "text"),
                               *((m, "money") for m in MONTHS), ("Annual", "money")])
    for acct, kind, dept in lines:
        monthly = [float(rng.randrange(5, 400) * 100) for _ in MONTHS]
        ws.add([acct, kind, dept, *monthly, sum(monthly)])
    files = [str(book.close())]

    n_ledger = scaled(LEDGER_ROWS, scale, 100)
    per_month = -(-n_ledger // len(LEDGER_MONTHS))
    written = 0
    for year, month in LEDGER_MONTHS:
        book = BookWriter(folder / f"ledger_{year}-{month:02d}.xlsx")
        ws = book.sheet("Actuals", [("Date", "date"), ("Account", "text"),
                                    ("Department", "text"), ("Vendor", "text"),
                                    ("Description", "text"), ("Amount", "money")])
        count = min(per_month, n_ledger - written)
        for k in range(count):
            acct, kind, dept = lines[rng.randrange(len(lines))]
            number, _, name = acct.partition(" ")
            shown = acct if rng.random() < 0.7 else f"{number} · {name.upper()}"
            amount = round(rng.uniform(5, 3000), 2) * (-1 if rng.random() < 0.005 else 1)
            ws.add([dt.date(year, month, 1 + k * 28 // count), shown, dept,
                    VENDORS[rng.randrange(len(VENDORS))],
                    f"{'Invoice' if kind == 'Expense' else 'Deposit'} {rng.randrange(10**6)}",
                    amount])
        written += count
        files.append(str(book.close()))
    return Workload("budget", files, None, [], {"Budget": n_lines, "Actuals": n_ledger})


# --------------------------------------------------------------------------- driver

MAKERS: dict[str, Callable[[Path, float], Workload]] = {
    "payroll": make_payroll, "inventory": make_inventory, "budget": make_budget}


def generate(folder: Path = DEFAULT_DATA, scale: float = 1.0,
             commands: tuple[str, ...] = tuple(MAKERS)) -> dict[str, Workload]:
    """Write every workload into `folder` and a manifest naming its files; return them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    workloads = {name: MAKERS[name](folder, scale) for name in commands}
    manifest = {"version": GENERATOR_VERSION, "scale": scale,
                "workloads": {k: asdict(w) for k, w in workloads.items()}}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return workloads


def load_manifest(folder: Path, scale: float) -> dict[str, Workload] | None:
    """The workloads already generated in `folder` at this scale, or None (stale/missing)."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("version") != GENERATOR_VERSION or manifest.get("scale") != scale:
        return None
    workloads = {k: Workload(**w) for k, w in manifest["workloads"].items()}
    files = [f for w in workloads.values() for f in [*w.files, w.settings] if f]
    return workloads if all(Path(f).is_file() for f in files) else None


def main(argv: list[str] | None = None) -> int:
    """Command line: generate the workloads and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of the full size, e.g. 0.01 for a smoke run")
    parser.add_argument("--out", type=Path, default=DEFAULT_DATA, help="output folder")
    parser.add_argument("--only", choices=tuple(MAKERS), action="append",
                        help="generate only this workload (repeatable)")
    args = parser.parse_args(argv)
    workloads = generate(args.out, args.scale, tuple(args.only or MAKERS))
    for w in workloads.values():
        size = sum(Path(f).stat().st_size for f in w.files) / 1e6
        rows = ", ".join(f"{k} {v:,}" for k, v in w.rows.items())
        print(f"{w.command}: {len(w.files)} file(s), {size:.1f} MB; {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
