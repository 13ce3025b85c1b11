"""followup plan: what it prints, and plan.ics read back with icalendar and, independently, with vobject."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import vobject

from conftest import PANEL, PHONE

SMALL = """candidate: {name: Alex Morgan}
interview:
  company: Globex
  position: Analyst
  date: 2026-11-27        # a Friday
  time: "16:30"
message:
  highlights: [SQL at scale]
  clarify: "I can start in January."
interviewers:
  - name: Zoë Ng
    email: zoe@globex.example
    send: [letter, email]
    topics: [the data warehouse]
  - name: Sam Lee
    send: [card]
"""


def _events_icalendar(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    events = {}
    for event in calendar.walk("VEVENT"):
        kind = "notes" if str(event["SUMMARY"]).startswith("Send") else "call"
        events[kind] = event
    assert len(events) == 2
    return events


def _events_vobject(data: bytes):
    calendar = vobject.readOne(data.decode("utf-8"))
    events = {("notes" if event.summary.value.startswith("Send") else "call"): event for event in calendar.vevent_list}
    assert len(events) == 2
    return events


def test_plan_for_the_panel_prints_the_steps_and_writes_a_calendar(tmp_path, cli):
    result = cli("plan", PANEL, "-o", tmp_path, "--date", "2026-11-25T11:30")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Acme Robotics, Senior Data Analyst: second round, Tue 2026-11-24 10:00\n"
        "\n"
        "Thank-you notes by Wed 2026-11-25 10:00 (24 hours after the interview): OVERDUE by 1 hour\n"
        "  Jordan Rivera (Head of Analytics): email to jordan.rivera@acme.example; card by post to 500 Market St, Floor 3, San Francisco\n"
        "  Siobhán O'Brien (Director of Data Science, EMEA): email to siobhan.obrien@acme.example; card by post to 10 Finsbury Square, London\n"
        "  Łukasz Müller-Nguyễn (Leiter Datenplattform): email to lukasz.mueller-nguyen@acme.example; card by post to Friedrichstraße 123, Berlin\n"
        "  田中 優希 (Robotics Program Manager): email to yuki.tanaka@acme.example; card by post to 丸の内1-1-1, 千代田区\n"
        "Call for news on Wed 2026-12-02 10:00 (a week later): in 6 days\n"
        f"wrote {tmp_path / 'plan.ics'}\n"
    )
    data = (tmp_path / "plan.ics").read_bytes()

    # read back with icalendar
    events = _events_icalendar(data)
    notes, call = events["notes"], events["call"]
    assert notes.decoded("DTSTART") == dt.datetime(2026, 11, 25, 9, 0)
    assert notes.decoded("DTEND") == dt.datetime(2026, 11, 25, 10, 0)  # ends at the 24-hour mark
    assert str(notes["SUMMARY"]) == "Send thank-you notes: Acme Robotics"
    assert notes.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, 11, 30, tzinfo=dt.timezone.utc)
    description = str(notes["DESCRIPTION"])
    assert "- Łukasz Müller-Nguyễn (Leiter Datenplattform): email to lukasz.mueller-nguyen@acme.example" in description
    assert "- 田中 優希 (Robotics Program Manager)" in description
    (alarm,) = notes.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == dt.timedelta(hours=-1)
    assert call.decoded("DTSTART") == dt.datetime(2026, 12, 2, 10, 0)
    assert call.decoded("DTEND") == dt.datetime(2026, 12, 2, 10, 30)
    assert str(call["SUMMARY"]) == "Call Acme Robotics for news (Senior Data Analyst)"
    points = str(call["DESCRIPTION"])
    assert points.startswith("Ask Acme Robotics for news about the Senior Data Analyst position (second round, 2026-11-24).")
    for expected in (
        "Highlights:\n- five years of demand forecasting in Python\n- leading our team's migration to dbt",
        "Forgot to say: I also mentor two junior analysts, which I would love to keep doing.",
        "Clarify: When we discussed pipelines, I meant Airflow, not Luigi: we moved off Luigi in 2023.",
        "- Jordan Rivera (Head of Analytics): the Q3 forecasting migration; how the analytics team works with robotics engineers",
        "- Siobhán O'Brien (Director of Data Science, EMEA): model monitoring in production; the London team's A/B testing platform",
    ):
        assert expected in points

    # and independently with vobject
    other = _events_vobject(data)
    assert other["notes"].dtstart.value == dt.datetime(2026, 11, 25, 9, 0)
    assert other["notes"].dtend.value == dt.datetime(2026, 11, 25, 10, 0)
    assert other["notes"].summary.value == "Send thank-you notes: Acme Robotics"
    assert other["notes"].description.value == description
    assert other["notes"].valarm.trigger.value == dt.timedelta(hours=-1)
    assert other["call"].dtstart.value == dt.datetime(2026, 12, 2, 10, 0)
    assert other["call"].summary.value == "Call Acme Robotics for news (Senior Data Analyst)"
    assert other["call"].description.value == points
    assert other["call"].valarm.trigger.value == dt.timedelta(minutes=-15)
    assert other["notes"].uid.value != other["call"].uid.value


def test_no_time_assumes_nine_so_the_reminder_is_early(tmp_path, cli):
    result = cli("plan", PHONE, "-o", tmp_path, "--date", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert "first round, Tue 2026-11-24 09:00 (no time in the file: 09:00 assumed)" in result.stdout
    assert "Thank-you notes by Wed 2026-11-25 09:00 (24 hours after the interview): in 33 hours" in result.stdout
    notes = _events_vobject((tmp_path / "plan.ics").read_bytes())["notes"]
    assert notes.dtend.value == dt.datetime(2026, 11, 25, 9, 0)


def test_a_call_that_falls_on_a_weekend_moves_to_monday_and_sends_follow_send(tmp_path, write, cli):
    path = write("globex.yaml", SMALL)
    result = cli("plan", path, "-o", tmp_path / "out", "--date", "2026-12-08")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # Friday 16:30 -> notes due Saturday 16:30 -> a week later is a Saturday -> Monday 10:00
    assert lines[2] == "Thank-you notes by Sat 2026-11-28 16:30 (24 hours after the interview): OVERDUE by 9 days"
    assert lines[3] == "  Zoë Ng: email to zoe@globex.example; letter (no postal address: hand it in at reception, or add interview.address)"
    assert lines[4] == "  Sam Lee: card (no postal address: hand it in at reception, or add interview.address)"
    assert lines[5] == "Call for news on Mon 2026-12-07 10:00 (a week later, moved to the Monday): OVERDUE by 14 hours"
    events = _events_icalendar((tmp_path / "out" / "plan.ics").read_bytes())
    assert events["call"].decoded("DTSTART") == dt.datetime(2026, 12, 7, 10, 0)
    assert "Clarify: I can start in January." in str(events["call"]["DESCRIPTION"])
    assert "- Zoë Ng: the data warehouse" in str(events["call"]["DESCRIPTION"])


def test_same_input_same_bytes_and_uids_survive_edits(tmp_path, write, cli):
    path = write("globex.yaml", SMALL)
    assert cli("plan", path, "-o", tmp_path / "a", "--date", "2026-11-27T18:00", "-q").exit_code == 0
    assert cli("plan", path, "-o", tmp_path / "b", "--date", "2026-11-27T18:00", "-q").exit_code == 0
    first = (tmp_path / "a" / "plan.ics").read_bytes()
    assert first == (tmp_path / "b" / "plan.ics").read_bytes()

    # another interviewer: the events change, their UIDs do not (a re-import updates, not doubles)
    assert cli("add", path, "--name", "Ana Ruiz", "--topic", "pricing").exit_code == 0
    assert cli("plan", path, "-o", tmp_path / "c", "--date", "2026-11-27T18:00", "-q").exit_code == 0
    before, after = _events_vobject(first), _events_vobject((tmp_path / "c" / "plan.ics").read_bytes())
    for kind in ("notes", "call"):
        assert before[kind].uid.value == after[kind].uid.value
    assert "- Ana Ruiz: pricing" in after["call"].description.value
    assert "Ana Ruiz" not in before["call"].description.value


def test_the_clock_gives_dtstamp_without_date(tmp_path, write, cli, monkeypatch):
    import followup.cli.capture as module

    now = dt.datetime(2026, 11, 27, 20, 15, 42, 123, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    monkeypatch.setattr(module, "clock", lambda: now)
    path = write("globex.yaml", SMALL)
    result = cli("plan", path, "-o", tmp_path)
    assert result.exit_code == 0
    assert "Thank-you notes by Sat 2026-11-28 16:30 (24 hours after the interview): in 20 hours" in result.stdout
    events = _events_icalendar((tmp_path / "plan.ics").read_bytes())
    assert events["notes"].decoded("DTSTAMP") == dt.datetime(2026, 11, 28, 4, 15, 42, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("date", ["tomorrow", "2026-13-01", "2026-11-25T25:00"])
def test_a_bad_date_is_a_usage_error(tmp_path, cli, date):
    result = cli("plan", PANEL, "-o", tmp_path, "--date", date)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: --date {date!r} is not a date: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2026-11-25T09:30\n"
    )
    assert not (tmp_path / "plan.ics").exists()


def test_a_broken_file_writes_no_plan(tmp_path, write, cli):
    path = write("broken.yaml", SMALL.replace("date: 2026-11-27", "date: 27/11/2026"))
    result = cli("plan", path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f'error: {path}:5: interview.date: not a date ("27/11/2026"): write it as YYYY-MM-DD, e.g. 2026-11-24\n'
    assert not (tmp_path / "out").exists()
