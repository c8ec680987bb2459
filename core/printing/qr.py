"""QR codes on a reportlab canvas, fast enough to print a hundred invoices a second.

reportlab's ``QrCodeWidget`` builds the code twice per drawing (once to size it, once
to draw it), tries each of the eight masks by building the whole symbol again, and
draws every run of dark modules as a shape of its own: about 20 ms an invoice.  Here
reportlab's encoder gives the data and error-correction bytes; they go into the data
modules of the symbol's layout (built once per version, ``_layout``); the eight masks
are scored with numpy (the usual four penalty rules); the best one gets its format
bits (reportlab's own ``setupTypeInfo``), and its dark runs are drawn as one filled
path.  The modules are reportlab's own: only the choice of mask is ours, and any mask
makes a valid code.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

# reportlab builds the Reed-Solomon generator polynomial of a block again for every
# block of every code (a few dozen polynomial products, a third of an invoice's QR code);
# it depends only on the number of error-correction bytes, so it is built once each.
if not hasattr(qrencoder.QRUtil.getErrorCorrectPolynomial, "cache_info"):
    qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(
        lru_cache(maxsize=None)(qrencoder.QRUtil.getErrorCorrectPolynomial))

_FINDER_LIKE = (np.array([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], bool),
                np.array([0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1], bool))


@lru_cache(maxsize=8)
def _masks(size: int) -> np.ndarray:
    """(8, size, size): where each mask pattern flips a module."""
    out = np.zeros((8, size, size), bool)
    for k in range(8):
        mask = qrencoder.QRUtil.getMask(k)
        out[k] = [[bool(mask(i, j)) for j in range(size)] for i in range(size)]
    return out


def _penalties(symbols: np.ndarray) -> np.ndarray:
    """The penalty of each of ``symbols`` (k, n, n), all at once (the usual four rules)."""
    k, n, _ = symbols.shape
    scores = np.zeros(k, np.int64)
    for a in (symbols, symbols.transpose(0, 2, 1)):
        # Rule 1: runs of five or more modules of one colour in a row.
        padded = np.full((k, n, n + 1), 2, np.int8)  # a row ends in a module of neither colour
        padded[:, :, :n] = a
        flat = padded.ravel()
        starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1])))
        lengths = np.diff(np.append(starts, flat.size))
        long = lengths >= 5
        scores += np.bincount(starts[long] // (n * (n + 1)), weights=lengths[long] - 2,
                              minlength=k).astype(np.int64)
        # Rule 3: a finder-like pattern with four light modules beside it.
        windows = sliding_window_view(a, 11, axis=2)
        scores += 40 * sum(np.all(windows == p, axis=3).sum(axis=(1, 2)) for p in _FINDER_LIKE)
    # Rule 2: 2 x 2 blocks of one colour.
    corner = symbols[:, :-1, :-1]
    same = (corner == symbols[:, 1:, :-1]) & (corner == symbols[:, :-1, 1:]) & \
        (corner == symbols[:, 1:, 1:])
    scores += 3 * same.sum(axis=(1, 2))
    # Rule 4: the share of dark modules away from one half.
    scores += 10 * (np.abs(100 * symbols.sum(axis=(1, 2)) // (n * n) - 50) // 5)
    return scores


@lru_cache(maxsize=32)
def _layout(version: int, level: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The modules of every ``version`` symbol as reportlab lays them out (finder, timing
    and alignment patterns, the version, the format bits of mask 0; the data modules are
    whatever an empty message gives, for the caller to replace), and where its data
    modules are, in reportlab's order: (symbol, rows, columns)."""
    qr = qrencoder.QRCode(version, level)
    qr.makeImpl(False, 0)
    cols, rows = zip(*qr.dataPosIterator())  # reportlab's order: (column, row)
    return np.array(qr.modules, bool), np.array(rows), np.array(cols)


def matrix(text: str, level: str = "M") -> list[list[bool]]:
    """The modules of ``text``'s QR code (rows, top first; True is dark)."""
    qr = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    qr.addData(text)
    qr.version = qr.calculate_version()
    symbol, rows, cols = _layout(qr.version, qr.errorCorrectLevel)
    size = symbol.shape[0]
    bits = np.unpackbits(np.array(qrencoder.QRCode.createData(
        qr.version, qr.errorCorrectLevel, qr.dataList), np.uint8)).astype(bool)[:len(rows)]
    data = np.zeros_like(symbol)
    data[rows, cols] = True
    unmasked = symbol & ~data
    unmasked[rows[:len(bits)], cols[:len(bits)]] = bits
    masks = _masks(size)
    best = int(np.argmin(_penalties(unmasked ^ (data & masks))))
    # The symbol with that mask: its data modules flipped, its format bits set.
    qr.moduleCount = size
    qr.modules = (unmasked ^ (data & masks[best])).tolist()
    qr.setupTypeInfo(False, best)
    return qr.modules


def draw(c: Canvas, modules: list[list[bool]], x: float, y: float, side: float, *,
         quiet: int = 2) -> None:
    """The code as a ``side`` square with its lower left corner at (x, y), ``quiet``
    light modules round it, in the current fill colour.

    The dark runs go into the page as one filled path in module units (a row, a column
    counted from the top): a few hundred short integer operators instead of reportlab
    formatting a float path."""
    count = len(modules)
    box = side / (count + 2 * quiet)
    ops = []
    for r, row in enumerate(modules):
        j = 0
        while j < count:
            if row[j]:
                k = j
                while k < count and row[k]:
                    k += 1
                ops.append(f"{j} {r} {k - j} 1 re")
                j = k
            else:
                j += 1
    c.saveState()
    c.transform(box, 0, 0, -box, x + quiet * box, y + side - quiet * box)
    c.addLiteral("\n".join(ops) + "\nf")
    c.restoreState()
