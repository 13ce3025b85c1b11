"""A ReportLab canvas set up the followup way: byte-identical output, every font embedded."""

from __future__ import annotations

import io
from typing import Callable

from followup import __version__


def render_pdf(draw: Callable[[object], None], *, pagesize: tuple[float, float], title: str, author: str, subject: str = "") -> bytes:
    """Run ``draw(canvas)`` on a fresh canvas and return the PDF bytes.

    Invariant mode makes the same input give the same bytes; the initial font is a bundled
    TrueType font so no unembedded Helvetica appears in the file.
    """
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    from followup import fonts

    rl_config.useA85 = 0  # binary streams: smaller files, and ReportLab's pure-Python ASCII85 costs a third of a card
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.register("sans"),
        initialFontSize=10,
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator(f"followup {__version__}")
    draw(canvas)
    canvas.save()
    return buffer.getvalue()
