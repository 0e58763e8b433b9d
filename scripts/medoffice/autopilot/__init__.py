"""The autopilot: watch the inbox, run what changed and what the calendar says, email it.

    runner.py    one pass: settle the inbox, classify, run commands, digest, send mail
    calendar.py  which scheduled jobs are due at a moment (pure; the clock is a parameter)
    inbox.py     files still being written or open in Excel; classification by content
    digest.py    the daily digest of what needs attention, from each command's figures
    log.py       the rotating log, free of pay amounts and patient identifiers

The lock, journal, mail queue and ledger it uses live in delivery/.
"""
