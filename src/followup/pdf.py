"""A ReportLab canvas set up the followup way: byte-identical output, every font embedded.

``render_pdf`` returns a small file's bytes, or streams a large one (a combined print file of
a thousand cards) into a binary file as it is made: each page is compressed when it ends and
waits in a temporary file, not in memory, and the finished objects go straight to the target.
The bytes are the same either way.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from typing import IO, BinaryIO, Callable, Iterator

from followup import __version__


def render_pdf(
    draw: Callable[[object], None],
    *,
    pagesize: tuple[float, float],
    title: str,
    author: str,
    subject: str = "",
    target: BinaryIO | None = None,
) -> bytes | None:
    """Run ``draw(canvas)`` on a fresh canvas: the PDF's bytes, or (with ``target``) None once written there.

    Invariant mode makes the same input give the same bytes; the initial font is a bundled
    TrueType font so no unembedded Helvetica appears in the file.
    """
    from reportlab import rl_config

    from followup import fonts

    rl_config.useA85 = 0  # binary streams: smaller files, and ReportLab's pure-Python ASCII85 costs a third of a card
    with contextlib.ExitStack() as stack:
        spill = stack.enter_context(tempfile.TemporaryFile(prefix="followup-pages-")) if target is not None else None
        buffer = io.BytesIO()
        canvas = _canvas_class()(
            buffer,
            pagesize=pagesize,
            invariant=1,
            pageCompression=1,
            initialFontName=fonts.register("sans"),
            initialFontSize=10,
        )
        canvas.spill = spill
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setSubject(subject)
        canvas.setCreator(f"followup {__version__}")
        draw(canvas)
        if target is None:
            canvas.save()
            return buffer.getvalue()
        with _objects_written_to(target):
            canvas.save()
        return None


_CANVAS = None


def _canvas_class():
    """ReportLab's canvas, compressing each page as it is finished rather than when the file is saved.

    ReportLab keeps every page's drawing operators as text until ``save``, so a combined file of
    a thousand cards held them all in memory at once. Here each page is compressed when it ends
    (the same FlateDecode of the same text, the same dictionary, so the same bytes) and, when the
    canvas has a ``spill`` file, kept there until the page is written out.
    """
    global _CANVAS
    if _CANVAS is None:
        import zlib

        from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFPage, PDFStream
        from reportlab.pdfgen.canvas import Canvas

        class PageStream(PDFStream):
            """A compressed page stream, in memory or in the spill file until it is formatted (once)."""

            def __init__(self, data: bytes, spill: IO[bytes] | None) -> None:
                super().__init__()
                self.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
                self.__Comment__ = "page stream"
                self._spill = spill
                if spill is None:
                    self.content = data
                else:
                    spill.seek(0, io.SEEK_END)
                    self._place = (spill.tell(), len(data))
                    spill.write(data)

            def format(self, document) -> bytes:
                if self._spill is not None:
                    offset, length = self._place
                    self._spill.seek(offset)
                    self.content = self._spill.read(length)
                try:
                    return super().format(document)
                finally:
                    if self._spill is not None:
                        self.content = None

        class PageCompressingCanvas(Canvas):
            spill: IO[bytes] | None = None

            def showPage(self) -> None:
                super().showPage()
                page = self._doc.Pages.pages[-1]
                if isinstance(page, PDFPage) and page.compression and page.stream and not page.Contents:
                    text = page.stream
                    page.Contents = PageStream(zlib.compress(text.encode("utf8") if isinstance(text, str) else text), self.spill)
                    page.stream = None

        _CANVAS = PageCompressingCanvas
    return _CANVAS


@contextlib.contextmanager
def _objects_written_to(target: BinaryIO) -> Iterator[None]:
    """While ReportLab saves, each object it formats goes to ``target`` instead of a list joined at the end.

    ReportLab collects the file in a ``PDFFile`` (strings and their offsets) made inside
    ``PDFDocument.format``; this swaps in one that writes each string on and keeps only the offset.
    """
    from reportlab.pdfbase import pdfdoc

    collector = pdfdoc.PDFFile

    class WritingFile(collector):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            for written in self.strings:  # the header, added by __init__
                target.write(written)
            self.strings = []
            self.write = target.write

    pdfdoc.PDFFile = WritingFile
    try:
        yield
    finally:
        pdfdoc.PDFFile = collector
