"""What the printing tests ask of every PDF (not a test module itself)."""

from __future__ import annotations

import io

import pypdf


def unembedded_fonts(pdf: bytes) -> list[str]:
    """The fonts a page of ``pdf`` uses without embedding them (a standard font such as
    Helvetica has no font file; pdffonts would say "emb no"): empty when all are."""
    missing = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            files = descriptor.get_object().keys() if descriptor is not None else ()
            if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(files):
                missing.append(str(font.get("/BaseFont")))
    return missing
