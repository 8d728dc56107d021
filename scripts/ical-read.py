#!/usr/bin/env python3
"""Reads an iCalendar feed from standard input with Python's `icalendar`
(a parser independent of the one that wrote it) and prints what a calendar
program would take from it, as JSON: the calendar's name, its time zones
(with the UTC offset the VTIMEZONE gives on a few dates) and each event's
UID, SEQUENCE, STATUS, SUMMARY, URL, DESCRIPTION, LOCATION and its start and
end as aware date-times (ISO 8601 with the offset) with the TZID they carry.

The web tests run it (crates/web/tests/receptions_public.rs) from a venv
they make under target/, with the version they pin.
"""

import json
import sys
from datetime import datetime

from icalendar import Calendar


def main() -> None:
    cal = Calendar.from_ical(sys.stdin.buffer.read())
    zones = []
    for tz in cal.walk("VTIMEZONE"):
        # The zone as the VTIMEZONE itself defines it, not the system's.
        tzinfo = tz.to_tz()
        offsets = {
            day: datetime.fromisoformat(day).replace(tzinfo=tzinfo).isoformat()[-6:]
            for day in ("2019-06-01T12:00:00", "2021-06-24T10:00:00", "2026-03-01T00:30:00")
        }
        zones.append({"tzid": str(tz["TZID"]), "offsets": offsets})
    events = []
    for ev in cal.walk("VEVENT"):
        start, end = ev["DTSTART"], ev["DTEND"]
        events.append(
            {
                "uid": str(ev["UID"]),
                "sequence": int(ev.get("SEQUENCE", 0)),
                "status": str(ev.get("STATUS", "")),
                "summary": str(ev.get("SUMMARY", "")),
                "url": str(ev.get("URL", "")),
                "description": str(ev.get("DESCRIPTION", "")),
                "location": str(ev.get("LOCATION", "")),
                "start": start.dt.isoformat(),
                "start_tzid": start.params.get("TZID"),
                "end": end.dt.isoformat(),
                "dtstamp": ev.decoded("DTSTAMP").isoformat(),
            }
        )
    print(json.dumps({"name": str(cal.get("NAME", "")), "timezones": zones, "events": events}, ensure_ascii=False))


if __name__ == "__main__":
    main()
