"""Where the figures live: the year-file format, the store (atomic, versioned, conflict-checked),
a new year, and the versions kept in .history/.

- kit.store.yearfile: body.yaml and <year>.yaml, parsed with every problem collected, and dumped;
- kit.store.store: the parameters folder (Store), saves through kit.yamlio;
- kit.store.new_year: a blank year with last year's carry-over;
- kit.store.history: versions, differences between them, restore;
- kit.store.saves: who saved which version (a login given to the Store, as `kit hub` does).
"""

from __future__ import annotations

from kit.store.store import Store, iter_reports
from kit.store.yearfile import BODY_FILE, YEAR_FILE, YEAR_KEYS, dump_body, dump_year, parse_body, parse_year

__all__ = ["BODY_FILE", "YEAR_FILE", "YEAR_KEYS", "Store", "dump_body", "dump_year", "iter_reports", "parse_body", "parse_year"]
