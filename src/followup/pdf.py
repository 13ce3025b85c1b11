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

    from followup import fonts

    rl_config.useA85 = 0  # binary streams: smaller files, and ReportLab's pure-Python ASCII85 costs a third of a card
    buffer = io.BytesIO()
    canvas = _canvas_class()(
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


_CANVAS = None


def _canvas_class():
    """ReportLab's canvas, compressing each page as it is finished rather than when the file is saved.

    ReportLab keeps every page's drawing operators as text until ``save``, so a combined file of
    a thousand cards held them all in memory at once; compressed when the page ends, the same
    bytes are kept in a fifth of the space. The stream is what ReportLab itself would write
    (FlateDecode of the same text, the same dictionary), so the file is byte-identical.
    """
    global _CANVAS
    if _CANVAS is None:
        import zlib

        from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFPage, PDFStream
        from reportlab.pdfgen.canvas import Canvas

        class PageCompressingCanvas(Canvas):
            def showPage(self) -> None:
                super().showPage()
                page = self._doc.Pages.pages[-1]
                if isinstance(page, PDFPage) and page.compression and page.stream and not page.Contents:
                    stream = PDFStream()
                    stream.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
                    text = page.stream
                    stream.content = zlib.compress(text.encode("utf8") if isinstance(text, str) else text)
                    stream.__Comment__ = "page stream"
                    page.Contents = stream
                    page.stream = None

        _CANVAS = PageCompressingCanvas
    return _CANVAS
