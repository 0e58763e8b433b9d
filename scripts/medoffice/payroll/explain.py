"""Plain sentences that show how each regular rate and overtime premium was worked out,
for the pay stubs: every overtime dollar with its arithmetic.

E.g. "Regular rate = $598.00 ÷ 46.00 h = $13.00; overtime premium = 6.00 h × ½ ×
$13.00 = $39.00." Rates that are not a whole number of cents show four decimals,
because the exact rate (never a rounded one) is what the sums use.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from .exact import HOUR, ZERO, fsum, hours_text, money_text, rate_text
from .pay import EARLIER, IN, Unit

H = HOUR


def explain_unit(unit: Unit) -> list[str]:
    """The sentences for one workweek (or 14-day period) paid in this pay period."""
    word = unit.rule.unit_word
    worked_in = unit.worked(IN)
    out = [f"{word.capitalize()} {unit.start} to {unit.end}: {hours_text(worked_in)} worked "
           f"in this pay period" + _outside(unit) + "."]
    if unit.leave:
        paid = "covered by the salary" if unit.person.salaried else "paid at the base rate"
        out.append(f"Paid leave {hours_text(unit.leave_seconds)}: {paid}, not hours worked, "
                   "and never counted toward overtime.")
    if unit.hours:
        out.append(_overtime_hours(unit))
        out.extend(_regular_rate(unit))
        out.extend(_premium(unit))
    for allocation, amount in unit.trueups:
        out.append(_trueup(unit, allocation, amount))
    return [s for s in out if s]


def _outside(unit: Unit) -> str:
    outside = unit.hours - unit.worked(IN)
    if not outside:
        return ""
    return (f"; {hours_text(outside)} more were worked in it outside this pay period: they "
            "count toward its overtime in time order, and are paid in their own pay period")


def _overtime_hours(unit: Unit) -> str:
    ot, dt_ = unit.total("overtime"), unit.total("double")
    name = unit.rule.name
    if not ot and not dt_:
        limits = {"Federal": "40 in the workweek",
                  "California": "8 in any workday or 40 in the workweek",
                  "8 and 80": "8 in any workday or 80 in the 14-day period"}[name]
        return f"No overtime: {hours_text(unit.hours)} worked, none over {limits}."
    if name == "Federal":
        text = (f"{hours_text(unit.hours)} worked; the {hours_text(ot)} after the 40th, in time "
                "order, are overtime")
    elif name == "8 and 80":
        text = _eight_and_eighty(unit)
    else:
        text = _california(unit)
    here_ot, here_dt = unit.total("overtime", IN), unit.total("double", IN)
    if unit.straddles and (here_ot, here_dt) != (ot, dt_):
        text += (f"; {hours_text(here_ot)} of the overtime"
                 + (f" and {hours_text(here_dt)} of the double time" if dt_ else "")
                 + " fall in this pay period")
    return text + "."


def _daily_totals(unit: Unit) -> dict:
    days: dict = defaultdict(int)
    for line in unit.lines:
        days[line.piece.workday] += line.seconds
    return days


def _eight_and_eighty(unit: Unit) -> str:
    daily = sum(max(0, s - 8 * H) for s in _daily_totals(unit).values())
    over = max(0, unit.hours - daily - 80 * H)
    return (f"8 and 80: {hours_text(daily)} over 8 in a workday + {hours_text(over)} over 80 "
            f"in the period ({hours_text(unit.hours)} − {hours_text(daily)} − 80.00 h, if "
            f"positive) = {hours_text(daily + over)} overtime, none counted twice")


def _california(unit: Unit) -> str:
    days = _daily_totals(unit)
    seventh = unit.rule.seventh_day([line.piece for line in unit.lines], unit.start)
    day_ot = sum(min(max(0, s - 8 * H), 4 * H) for d, s in days.items() if d != seventh)
    day_dt = sum(max(0, s - 12 * H) for d, s in days.items() if d != seventh)
    parts = []
    if day_ot:
        parts.append(f"{hours_text(day_ot)} over 8 in a workday (1.5×)")
    if day_dt:
        parts.append(f"{hours_text(day_dt)} over 12 in a workday (2×)")
    if seventh is not None:
        s = days[seventh]
        parts.append(f"{hours_text(min(s, 8 * H))} on the 7th consecutive workday ({seventh}, "
                     "1.5×)" + (f" and {hours_text(s - 8 * H)} over 8 on it (2×)"
                                if s > 8 * H else ""))
    weekly = unit.total("overtime") - day_ot - (min(days[seventh], 8 * H) if seventh else 0)
    if weekly:
        parts.append(f"{hours_text(weekly)} of regular hours over 40 in the week (1.5×)")
    return (f"California: {hours_text(unit.hours)} worked; overtime is "
            + "; ".join(parts) + "; daily overtime hours do not count again toward the 40")


def _regular_rate(unit: Unit) -> list[str]:
    person = unit.person
    straight, diff = unit.straight_all, unit.differential_all
    bonus = unit.federal_shares()
    terms = []
    if unit.salary:
        if unit.california_salary:
            covered = unit.sums.covered
            base = person.base_rate(True)
            terms.append(f"salary at {money_text(unit.salary)} ÷ "
                         f"{hours_text(40 * H * unit.rule.days // 7)} = {rate_text(base)} an "
                         f"hour for {hours_text(covered)} ({money_text(unit.salary_in_rate)}; "
                         "California counts a salary as pay for 40 hours a week)")
        elif person.fluctuating:
            terms.append(f"salary {money_text(unit.salary)} (a fluctuating workweek: it pays "
                         "for every hour worked)")
        else:
            terms.append(f"salary {money_text(unit.salary)} (pays for "
                         f"{hours_text(int(person.standard_hours * H) * unit.rule.days // 7)})")
    if straight or not unit.salary:
        beyond = unit.hours - unit.sums.covered
        label = ("straight time" if not unit.salary else
                 f"straight time for the {hours_text(beyond)} beyond them")
        terms.append(f"{label} {money_text(straight)}")
    if diff:
        names = sorted({name for (name, _), (_, credit) in unit.sums.extras.items()
                        if not credit})
        terms.append(f"differentials {money_text(diff)} ({', '.join(names)})")
    if bonus:
        terms.append(f"bonus share {money_text(bonus)}")
    total = fsum((unit.base_pay, bonus))
    out = []
    if len(terms) > 1:
        out.append(f"Pay for the {unit.rule.unit_word}'s work: " + " + ".join(terms)
                   + f" = {money_text(total)}.")
    elif unit.salary:
        out.append(f"Pay for the {unit.rule.unit_word}'s work: {terms[0]}.")
    rr = unit.regular_rate
    out.append(f"Regular rate = {money_text(total)} ÷ {hours_text(unit.hours)} = "
               f"{rate_text(rr)}.")
    return out


def _premium(unit: Unit) -> list[str]:
    ot, dt_ = unit.total("overtime", IN), unit.total("double", IN)
    if not ot and not dt_:
        return []
    rr = unit.regular_rate
    rr_text = rate_text(rr)
    terms, owed = [], ZERO
    if ot:
        terms.append(f"{hours_text(ot)} × ½ × {rr_text}")
        owed += rr * ot / H / 2
    if dt_:
        terms.append(f"{hours_text(dt_)} × 1 × {rr_text}")
        owed += rr * dt_ / H
    why = ("the straight time for those hours is in the salary"
           if unit.person.fluctuating else "the straight time for those hours is paid above")
    out = [f"Overtime premium = {' + '.join(terms)} = {money_text(owed)} ({why})."]
    for allocation in unit.shares_known():
        if allocation.bonus.alvarado(unit.rule.name):
            out.append(_alvarado(unit, allocation, ot, dt_))
    if unit.premium_pay:
        names = sorted({c.name for line in unit.part(IN) for c in line.charges if c.creditable})
        out.append(f"Premium pay {money_text(unit.premium_pay)} ({', '.join(names)}: 1.5× or "
                   "more for weekend or holiday work) is left out of the regular rate and "
                   f"counts toward the overtime owed: {money_text(unit.overtime_owed)} − "
                   f"{money_text(unit.premium_credit)} = {money_text(unit.overtime_premium)} "
                   "still due (29 CFR 778.202(c)).")
    return out


def _alvarado(unit: Unit, allocation, ot: int, dt_: int) -> str:
    regular = unit.total("regular") or unit.hours
    value = unit.alvarado_rate(allocation)
    amount = unit.bonus_overtime(allocation, ot, dt_)
    terms = [f"{hours_text(ot)} × 1.5 × {rate_text(value)}"] if ot else []
    if dt_:
        terms.append(f"{hours_text(dt_)} × 2 × {rate_text(value)}")
    return (f"Flat-sum bonus (paid {allocation.bonus.paid_on}): share "
            f"{money_text(allocation.share)} ÷ {hours_text(regular)} non-overtime hours = "
            f"{rate_text(value)} an hour; overtime on it = {' + '.join(terms)} = "
            f"{money_text(amount)} (Alvarado v. Dart Container).")


def _trueup(unit: Unit, allocation, amount: Fraction) -> str:
    ot, dt_ = unit.total("overtime", EARLIER), unit.total("double", EARLIER)
    bonus = allocation.bonus
    if bonus.alvarado(unit.rule.name):
        value = unit.alvarado_rate(allocation)
        how = (f"share {money_text(allocation.share)} ÷ {hours_text(unit.total('regular'))} "
               f"non-overtime hours = {rate_text(value)}; true-up = {hours_text(ot)} × 1.5 × "
               f"{rate_text(value)}" + (f" + {hours_text(dt_)} × 2 × {rate_text(value)}"
                                        if dt_ else ""))
    else:
        increase = allocation.share * H / unit.hours
        how = (f"share {money_text(allocation.share)} ÷ {hours_text(unit.hours)} = "
               f"{rate_text(increase)} more regular rate; true-up = {hours_text(ot)} × ½ × "
               f"{rate_text(increase)}" + (f" + {hours_text(dt_)} × 1 × {rate_text(increase)}"
                                           if dt_ else ""))
    return (f"Bonus of {money_text(bonus.amount)} paid {bonus.paid_on} also rewards this "
            f"{unit.rule.unit_word}, whose {hours_text(ot + dt_)} of overtime were paid in an "
            f"earlier pay period without it: {how} = {money_text(amount)}.")
