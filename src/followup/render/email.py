"""Email drafts (.eml): an RFC 5322 message per interviewer, plain text with an HTML alternative.

Nothing is sent. ``X-Unsent: 1`` makes Outlook open the file as a draft to review; other
clients open it as a message to forward or copy. Names in any script go into the headers as
RFC 2047 encoded words; a person without an email address is an empty group ("Jordan
Rivera:;"), valid syntax that a mail client shows as the name, ready for the address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass
from email.headerregistry import Address, Group
from email.utils import format_datetime
from email.message import EmailMessage
from email.policy import SMTP
from typing import BinaryIO, Sequence

from followup import templating
from followup.errors import TemplateError
from followup.model import Product
from followup.render.base import Common, Item


@dataclass(frozen=True)
class Draft:
    """One merged email: who to, who from, subject and body text."""

    to_name: str
    to_email: str | None
    from_name: str
    from_email: str | None
    subject: str
    body: str
    date: dt.date


def _address(name: str, email: str | None) -> Address | Group:
    if not email:
        return Group(display_name=name, addresses=())
    user, _, domain = email.rpartition("@")
    return Address(display_name=name, username=user, domain=domain)


def split_subject(text: str, template: templating.Template) -> tuple[str, str]:
    """The template's first line is "Subject: ..." (German: "Betreff: ..."), then a blank line, then the body."""
    first, _, body = text.partition("\n")
    if not first.lower().startswith(("subject:", "betreff:")):
        raise TemplateError('an email template starts with a "Subject: ..." line', path=template.path, line=1)
    return first.split(":", 1)[1].strip(), body.strip()


def html_body(body: str) -> str:
    """Paragraphs of the plain body as HTML, every character escaped."""
    paragraphs = [part for part in body.split("\n\n") if part.strip()]
    inner = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in paragraph.splitlines()) + "</p>" for paragraph in paragraphs
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
        '<body style="font-family: Georgia, serif; font-size: 15px; line-height: 1.5">\n'
        f"{inner}\n</body></html>\n"
    )


class EmailRenderer:
    """The ``emails`` product: ``email.eml`` per interviewer, no combined file."""

    name = "emails"
    product = Product.EMAIL
    item_file = "email.eml"
    combined_file = None

    def __init__(self, common: Common) -> None:
        self.common = common
        self.tone = common.template or "warm"
        self.template = templating.load("email", self.tone, common.locale)

    def prepare(self, item: Item) -> Draft:
        tone = self.template.name if self.template.name in templating.TONES else "formal"
        context = templating.context(item.interview, item.person, tone=tone, locale=self.common.locale, today=self.common.today)
        subject, body = split_subject(templating.render(self.template, context), self.template)
        candidate = item.interview.candidate
        return Draft(
            to_name=item.person.name,
            to_email=item.person.email,
            from_name=candidate.name,
            from_email=candidate.email,
            subject=subject,
            body=body,
            date=self.common.today,
        )

    def render(self, draft: Draft) -> bytes:
        message = EmailMessage()
        message["To"] = _address(draft.to_name, draft.to_email)
        message["From"] = _address(draft.from_name, draft.from_email)
        message["Subject"] = draft.subject
        # the date of the draft is --date (noon UTC), so the same input gives the same bytes
        message["Date"] = format_datetime(dt.datetime.combine(draft.date, dt.time(12), tzinfo=dt.timezone.utc))
        message["X-Unsent"] = "1"
        message.set_content(draft.body + "\n")
        message.add_alternative(html_body(draft.body), subtype="html")
        # a fixed boundary derived from the content: same input, same bytes
        digest = hashlib.sha256(f"{draft.to_name}\0{draft.subject}\0{draft.body}".encode()).hexdigest()[:24]
        message.set_boundary(f"followup-{digest}")
        return message.as_bytes(policy=SMTP)

    def combine(self, prepared: Sequence[Draft], target: BinaryIO) -> bool:
        return False  # each draft is its own message


def renderer(common: Common, **options: object) -> EmailRenderer:
    """The ``emails`` product; it takes no options of its own (``render`` passes the print products' options)."""
    return EmailRenderer(common)
