"""The follow-up plan: what to send to whom and by when, and a calendar with the two reminders.

The rules, chosen so a reminder is early rather than late:
- thank-you notes are due 24 hours after the interview started (``interview.date`` + ``interview.time``);
  when the file gives no time, 09:00 is assumed: for an interview held during the working day the real
  24-hour mark is then never earlier than the one we remind of;
- the reminder to send them is an hour-long event ending at that mark, with an alarm an hour before it;
- the call for news comes a week after the notes are due, at 10:00 (a time people pick up the phone),
  moved to the Monday when that day is a Saturday or Sunday; its description holds the call sheet's points.
Times are the interview's local wall-clock times, written as floating times (no time zone), so a calendar
shows them at the same hour wherever the laptop is. The iCalendar bytes depend only on the interview and on
the ``stamp`` passed in (DTSTAMP); the UIDs come from the company, position, date and kind of reminder, so
importing an updated plan updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from followup.model import InterviewFile, Product

ASSUMED_TIME = dt.time(9, 0)
NOTES_WITHIN = dt.timedelta(hours=24)
CALL_AFTER = dt.timedelta(days=7)
CALL_TIME = dt.time(10, 0)
NOTES_EVENT = dt.timedelta(hours=1)
CALL_EVENT = dt.timedelta(minutes=30)
NOTES_ALARM = dt.timedelta(hours=-1)
CALL_ALARM = dt.timedelta(minutes=-15)
DEFAULT_SENDS = (Product.EMAIL, Product.CARD)  # when an interviewer's `send:` is not given


@dataclass(frozen=True)
class Recipient:
    """One interviewer and what to send them."""

    name: str
    title: str | None
    sends: tuple[str, ...]  # "email to jordan@acme.example", "card by post to 500 Market St, San Francisco"
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """The reminders of one interview."""

    company: str
    position: str
    round: str
    started: dt.datetime
    time_known: bool
    notes_due: dt.datetime
    call_at: dt.datetime
    recipients: tuple[Recipient, ...]
    highlights: tuple[str, ...]
    forgot_to_say: str | None
    clarify: str | None


def make_plan(interview: InterviewFile) -> Plan:
    """The plan for one interview file."""
    meeting = interview.interview
    started = dt.datetime.combine(meeting.date, meeting.time or ASSUMED_TIME)
    notes_due = started + NOTES_WITHIN
    call_day = (notes_due + CALL_AFTER).date()
    if call_day.weekday() >= 5:  # Saturday or Sunday: the Monday after
        call_day += dt.timedelta(days=7 - call_day.weekday())
    recipients = tuple(
        Recipient(
            name=person.name,
            title=person.title,
            sends=tuple(_sends(interview, person)),
            topics=tuple(person.topics),
        )
        for person in interview.interviewers
    )
    return Plan(
        company=meeting.company,
        position=meeting.position,
        round=meeting.round.value,
        started=started,
        time_known=meeting.time is not None,
        notes_due=notes_due,
        call_at=dt.datetime.combine(call_day, CALL_TIME),
        recipients=recipients,
        highlights=tuple(interview.message.highlights),
        forgot_to_say=interview.message.forgot_to_say,
        clarify=interview.message.clarify,
    )


def _sends(interview: InterviewFile, person) -> list[str]:
    wanted = person.send if person.send is not None else DEFAULT_SENDS
    sends = []
    if Product.EMAIL in wanted:
        sends.append(f"email to {person.email}" if person.email else "email (no address in the file: add their email)")
    address = interview.address_of(person)
    for product, thing in ((Product.CARD, "card"), (Product.LETTER, "letter")):
        if product in wanted:
            if address:
                where = ", ".join([*address.lines, *(part for part in (address.city,) if part)])
                sends.append(f"{thing} by post to {where}")
            else:
                sends.append(f"{thing} (no postal address: hand it in at reception, or add interview.address)")
    return sends


def when(moment: dt.datetime) -> str:
    """A moment as people read it and machines sort it: "Wed 2026-11-25 10:00"."""
    return moment.strftime("%a %Y-%m-%d %H:%M")


def _distance(delta: dt.timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = hours // 24
    return f"{days} days"


def status(due: dt.datetime, now: dt.datetime) -> str:
    """ "OVERDUE by 3 hours" or "in 5 hours"."""
    if now > due:
        return f"OVERDUE by {_distance(now - due)}"
    return f"in {_distance(due - now)}"


def summary_lines(plan: Plan, now: dt.datetime) -> list[str]:
    """What ``followup plan`` prints: what to send to whom, by when, and what is overdue as of ``now``."""
    started = when(plan.started) + ("" if plan.time_known else f" (no time in the file: {ASSUMED_TIME:%H:%M} assumed)")
    lines = [
        f"{plan.company}, {plan.position}: {plan.round} round, {started}",
        "",
        f"Thank-you notes by {when(plan.notes_due)} (24 hours after the interview): {status(plan.notes_due, now)}",
    ]
    for person in plan.recipients:
        lines.append(f"  {_who(person)}: {'; '.join(person.sends) if person.sends else 'nothing (send: is empty)'}")
    later = "a week later" if plan.call_at.date() == (plan.notes_due + CALL_AFTER).date() else "a week later, moved to the Monday"
    lines.append(f"Call for news on {when(plan.call_at)} ({later}): {status(plan.call_at, now)}")
    return lines


def _who(person: Recipient) -> str:
    return f"{person.name} ({person.title})" if person.title else person.name


def notes_description(plan: Plan) -> str:
    """The send reminder's description: each interviewer and what they get."""
    lines = [f"Thank-you notes for the {plan.position} interview at {plan.company}, due by {when(plan.notes_due)}:"]
    lines += [f"- {_who(person)}: {'; '.join(person.sends) or 'nothing'}" for person in plan.recipients]
    return "\n".join(lines)


def call_description(plan: Plan) -> str:
    """The call reminder's description: the call sheet's points."""
    lines = [f"Ask {plan.company} for news about the {plan.position} position ({plan.round} round, {plan.started:%Y-%m-%d})."]
    if plan.highlights:
        lines += ["", "Highlights:", *(f"- {item}" for item in plan.highlights)]
    if plan.forgot_to_say:
        lines += ["", f"Forgot to say: {plan.forgot_to_say}"]
    if plan.clarify:
        lines += ["", f"Clarify: {plan.clarify}"]
    talked = [person for person in plan.recipients if person.topics]
    if talked:
        lines += ["", "Topics, by interviewer:"]
        for person in talked:
            lines += [f"- {_who(person)}: {'; '.join(person.topics)}"]
    return "\n".join(lines)


def _uid(plan: Plan, kind: str) -> str:
    key = "\n".join((plan.company, plan.position, plan.started.date().isoformat(), kind))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@followup"


def to_ical(plan: Plan, stamp: dt.datetime) -> bytes:
    """plan.ics: the send reminder (with an alarm) and the call reminder; the same plan and stamp give the same bytes."""
    from icalendar import Alarm, Calendar, Event

    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    stamp = stamp.astimezone(dt.timezone.utc).replace(microsecond=0)

    calendar = Calendar()
    calendar.add("prodid", "-//followup//follow-up plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    events = (
        ("notes", f"Send thank-you notes: {plan.company}", plan.notes_due - NOTES_EVENT, NOTES_EVENT,
         notes_description(plan), NOTES_ALARM),
        ("call", f"Call {plan.company} for news ({plan.position})", plan.call_at, CALL_EVENT,
         call_description(plan), CALL_ALARM),
    )
    for kind, summary, start, length, description, before in events:
        event = Event()
        event.add("uid", _uid(plan, kind))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + length)
        event.add("summary", summary)
        event.add("description", description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", before)
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
