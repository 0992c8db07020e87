"""The one clock: what day it is, for every command that needs to know.

`new` stamps added/reviewed with it, `check` refuses dates after it, and the build never reads it
(pages depend on the data alone). TRACKER_TODAY pins it, so a test suite that pins a day gives
the same answers on any day it runs. Nothing else in scripts/ may read the wall clock
(tests/test_clock.py scans for it).
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """TRACKER_TODAY (YYYY-MM-DD) when set, else the machine's date."""
    override = os.environ.get("TRACKER_TODAY")
    return dt.date.fromisoformat(override) if override else dt.date.today()
