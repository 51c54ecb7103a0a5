"""Social cards: the 1200×630 PNG a page shows when it is shared on Facebook or Zalo.

A card is described by a :class:`CardSpec` (plain text); its file name is a hash of that text and the layout
version, so a changed title gives a new URL (the networks cache previews by URL) and an unchanged card is
taken from the cache folder (generator/card_cache.py) instead of being drawn again. The font (Source Sans Pro,
from the ``font-source-sans-pro`` package) has every Vietnamese letter and tone mark.

At 10,000 initiatives the build draws about 10,000 cards, so drawing is built for speed; the pixels are the
ones ``ImageDraw.text`` would draw (tests/test_cards_speed_equivalence.py checks this):

* words are rendered once per process and pasted (FreeType renders every glyph of a line twice per call);
* the PNG is written here, not by Pillow, so that only the rows that differ from card to card are
  compressed: runs of rows that only the background, the same kicker or the same footer touch are
  compressed once and their deflate blocks reused (:func:`_png`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import math
import os
import struct
import sys
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import font_source_sans_pro

# FreeType reads FREETYPE_PROPERTIES once, when Pillow starts it (on importing PIL._imagingft): a setting there (the
# older hinting of "truetype:interpreter-version=35", say) drew every card differently under the same name. Set
# aside for this process before that, the cards come from their text alone; where Pillow was started earlier,
# the setting is part of the cards' names instead (_renderer).
_FREETYPE_SETTING = os.environ.get("FREETYPE_PROPERTIES", "") if "PIL._imagingft" in sys.modules else ""
os.environ.pop("FREETYPE_PROPERTIES", None)

# Pillow's FreeType module (ImageFont.core) alone: its version is part of every card's name (_renderer), which
# every build works out; the rest of Pillow is imported where a card is drawn (_font, _Canvas, draw), which saved
# a rebuild's own process 10 ms (the card or two it draws are drawn by a worker)
from PIL import _imagingft  # noqa: E402
from zlib_ng import zlib_ng  # noqa: E402

if TYPE_CHECKING:
    from PIL import Image, ImageFont


WIDTH, HEIGHT = 1200, 630
FOLDER = "cards/"  # the site's folder of cards (CardSpec.path)
FONT_DIR = Path(font_source_sans_pro.font_directory)
BOLD = FONT_DIR / "SourceSansPro-Bold.ttf"
REGULAR = FONT_DIR / "SourceSansPro-Regular.ttf"

# The card is drawn in 8-bit grey levels and saved with a palette: levels 0–239 run from the site's indigo to
# white (so anti-aliased text blends correctly), 240 and up are solid colours for shapes. This draws and
# encodes about four times faster than a full-colour image, which matters at 10,000 initiatives.
BACKGROUND, WHITE = (40, 53, 147), (255, 255, 255)
TEXT, SOFT_TEXT = 239, 190  # grey levels
ACCENT, TRACK, RULE = 240, 241, 242  # palette indices of solid shapes
_SOLIDS = [(255, 193, 7), (63, 81, 181), (92, 107, 192)]
ACCENT_BAR = 24  # columns 0–23 of every row


def _palette() -> list[int]:
    ramp = [tuple(round(b + (w - b) * level / TEXT) for b, w in zip(BACKGROUND, WHITE)) for level in range(TEXT + 1)]
    colours = ramp + _SOLIDS + [WHITE] * (256 - len(ramp) - len(_SOLIDS))
    return [channel for colour in colours for channel in colour]


PALETTE = _palette()


def _renderer() -> str:
    """What a card's bytes are made of besides its text: this module (the drawing and the encoding), the font,
    FreeType and its setting, the compressor. Part of every card's name, so a change to any of them gives new
    names, and a cached card is only ever the one these would draw (the networks keep a preview by its address)."""
    versions = [f"{name}={importlib.metadata.version(name)}" for name in ("pillow", "zlib-ng", "font-source-sans-pro")]
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return "|".join([code, *versions, f"freetype={_imagingft.freetype2_version}", _FREETYPE_SETTING])


RENDERER = _renderer()


@dataclass(frozen=True)
class CardSpec:
    """What a card says. ``progress`` (0–100) draws a bar under the subtitle; ``label`` is framed at the right of
    the footer (the campaign's notice: "Dữ liệu mẫu")."""

    kicker: str  # small line on top: "Sáng kiến · Chuyển đổi số"
    title: str
    subtitle: str  # unit and authors, or the campaign's numbers
    footer: str  # the site
    progress: float | None = None
    label: str = ""

    @property
    def digest(self) -> str:
        # every field in order, as astuple() gives them, without its deep copy or dataclasses.fields (this runs for
        # every card of every build); no label adds nothing, so the cards of a site without one keep their names
        fields = (RENDERER, self.kicker, self.title, self.subtitle, self.footer, str(self.progress))
        text = "\x1f".join(fields + (self.label,) if self.label else fields)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def path(self) -> str:
        """Site-relative path of the PNG."""
        return f"{FOLDER}{self.digest}.png"


@lru_cache(maxsize=None)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    # Vietnamese in NFC needs no shaping: the basic layout draws the same glyphs, faster than Raqm
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=16384)
def _length(font: ImageFont.FreeTypeFont, word: str) -> float:
    return font.getlength(word)  # titles share their words: each is measured once per process and size


def _pieces(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word wider than a line (a web address, a name written without spaces) cut into pieces that fit, which
    would otherwise run off the card."""
    pieces, piece = [], ""
    for char in word:
        if piece and font.getlength(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap; the last line ends with an ellipsis when the text does not fit.

    Each word is measured once and lines are summed from word widths, not measured again as they grow.
    """
    lines: list[str] = []
    words = [piece for word in text.split()
             for piece in (_pieces(word, font, width) if _length(font, word) > width else (word,))]
    sizes = [_length(font, word) for word in words]
    space = _length(font, " ")
    index = 0
    while index < len(words) and len(lines) < max_lines:
        line, used = words[index], sizes[index]
        index += 1
        while index < len(words) and used + space + sizes[index] <= width:
            line, used = f"{line} {words[index]}", used + space + sizes[index]
            index += 1
        lines.append(line)
    words = words[index:]
    if words:
        last = lines[-1]
        while last and font.getlength(f"{last}…") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = f"{last}…"
    return lines


def _title_font(title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits in four lines with no word cut (long titles get smaller type); at
    the smallest, words too long for a line are cut (_wrap)."""
    for size in (72, 64, 56, 50):
        font = _font(BOLD, size)
        lines = _wrap(title, font, WIDTH - 160, 4)
        whole = all(_length(font, word) <= WIDTH - 160 for word in title.split())
        if whole and (not lines or not lines[-1].endswith("…")):  # no lines: a title of spaces alone draws nothing
            return font, lines
    return font, lines


# --- drawing -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    """A word rendered once: its ink (a Pillow core image, as ``getmask2`` gives it, cropped to the ink), where
    that ink sits from the pen position, and how far the word moves the pen."""

    mask: Any  # None when the word leaves no ink (a space)
    left: int
    top: int
    right: int
    bottom: int
    advance: int | None  # None when the pen would move by a fraction of a pixel


@lru_cache(maxsize=4096)  # ~5 KB a word, so 20 MB at most; 10,000 synthetic titles use under 1,000 words
def _word(font: ImageFont.FreeTypeFont, word: str) -> _Word:
    length = _length(font, word)
    advance = int(length) if float(length).is_integer() else None
    mask, (x, y) = font.getmask2(word, "L")  # the call ImageDraw.text makes for a whole line
    box = mask.getbbox()
    if box is None:
        return _Word(None, 0, 0, 0, 0, advance)
    # pixels outside the ink are 0 and drawing them changes nothing, so the crop draws the same card
    return _Word(mask.crop(box), x + box[0], y + box[1], x + box[2], y + box[3], advance)


def _place(xy: tuple[int, int], text: str, font: ImageFont.FreeTypeFont) -> list[tuple[int, int, _Word]] | None:
    """Where each word of a line is drawn, or None when drawing the words apart would not match drawing the line.

    It matches when the pen moves by whole pixels (this font's hinted advances do, and the basic layout adds
    no kerning: Source Sans Pro has no 'kern' table) and no word's ink reaches into the next one's (inside one
    render, overlapping glyphs blend differently from separate draws).
    """
    x, y = xy
    space = _word(font, " ").advance
    if space is None:
        return None
    placed: list[tuple[int, int, _Word]] = []
    reach = -math.inf  # right edge of the ink so far
    for index, part in enumerate(text.split(" ")):
        x += space if index else 0
        if not part:
            continue
        word = _word(font, part)
        if word.advance is None:
            return None
        if word.mask is not None:
            if x + word.left < reach:
                return None
            reach = x + word.right
            placed.append((x + word.left, y + word.top, word))
        x += word.advance
    return placed


class _Canvas:
    """The card in grey levels, one column wider than the card: column 0 is each row's PNG filter byte (0, no
    filter), so the image's bytes are the PNG's scanlines as they are. Drawing records which rows each
    operation touched and what it drew (``marks``), which lets :func:`_png` reuse rows seen on earlier cards.

    Coordinates are the card's; the shift by the filter column happens here.
    """

    def __init__(self) -> None:
        from PIL import Image, ImageDraw

        self.image = Image.new("L", (WIDTH + 1, HEIGHT), 0)
        self.pen = ImageDraw.Draw(self.image)
        # card columns 0–23 of every row, so part of the background (see _BLANK_ROW), not a mark
        self.pen.rectangle((1, 0, ACCENT_BAR, HEIGHT), fill=ACCENT)
        self.marks: list[tuple[int, int, tuple]] = []  # (first row, row after the last, what was drawn)

    def _mark(self, top: int, bottom: int, what: tuple) -> None:
        top, bottom = max(top, 0), min(bottom, HEIGHT)
        if top < bottom:
            self.marks.append((top, bottom, what))

    def rectangle(self, box: tuple[int, int, int, int], fill: int) -> None:
        x0, y0, x1, y1 = box
        self.pen.rectangle((x0 + 1, y0, x1 + 1, y1), fill=fill)
        self._mark(y0, y1 + 1, ("rectangle", box, fill))

    def text(self, xy: tuple[int, int], text: str, font: ImageFont.FreeTypeFont, fill: int) -> None:
        """``ImageDraw.text`` for one line, drawn word by word from the cache of rendered words."""
        what = ("text", xy, text, font.path, font.size, fill)
        placed = None if "\n" in text else _place(xy, text, font)
        if placed is None:  # a line the word cache cannot draw identically: Pillow draws it
            self.pen.text((xy[0] + 1, xy[1]), text, font=font, fill=fill)
            self._mark(0, HEIGHT, what)  # its rows are not worked out: mark them all
            return
        blend = self.pen.draw.draw_bitmap  # what ImageDraw.text ends with, so pixels blend the same
        top, bottom = HEIGHT, 0
        for x, y, word in placed:
            blend((x + 1, y), word.mask, fill)
            top, bottom = min(top, y), max(bottom, y + word.bottom - word.top)
        self._mark(top, bottom, what)


def _draw(spec: CardSpec) -> _Canvas:
    canvas = _Canvas()
    canvas.text((80, 60), spec.kicker.upper(), _font(BOLD, 30), TEXT)
    font, lines = _title_font(spec.title)
    y = 118
    for line in lines:
        canvas.text((80, y), line, font, TEXT)
        y += int(font.size * 1.18)
    y += 18
    for line in _wrap(spec.subtitle, _font(REGULAR, 34), WIDTH - 160, 2):
        canvas.text((80, y), line, _font(REGULAR, 34), SOFT_TEXT)
        y += 42
    if spec.progress is not None:
        canvas.rectangle((80, HEIGHT - 150, WIDTH - 80, HEIGHT - 127), TRACK)
        filled = round(80 + (WIDTH - 160) * min(max(spec.progress, 0), 100) / 100)
        if filled > 80:
            canvas.rectangle((80, HEIGHT - 150, max(filled, 84), HEIGHT - 127), ACCENT)
    canvas.rectangle((80, HEIGHT - 97, WIDTH - 80, HEIGHT - 96), RULE)
    footer = spec.footer
    if spec.label:
        left = _label(canvas, spec.label)
        footer = _wrap(footer, _font(BOLD, 30), left - 24 - 80, 1)[0]
    canvas.text((80, HEIGHT - 80), footer, _font(BOLD, 30), TEXT)
    return canvas


@lru_cache(maxsize=64)
def _label_text(label: str) -> tuple[str, tuple[int, int, int, int]]:
    """The label as drawn and its ink's box: the same on every card of a site, measured once."""
    text = label.upper()
    return text, _font(BOLD, 26).getbbox(text)


def _label(canvas: _Canvas, label: str) -> int:
    """``label`` in capitals, framed in the accent colour at the right end of the footer line; its left edge."""
    font, (text, (left, top, right, bottom)) = _font(BOLD, 26), _label_text(label)
    box = (WIDTH - 80 - (right - left) - 2 * 16, HEIGHT - 88, WIDTH - 80, HEIGHT - 40)
    canvas.rectangle(box, ACCENT)
    canvas.rectangle((box[0] + 3, box[1] + 3, box[2] - 3, box[3] - 3), 0)  # the background inside the frame
    middle = (box[1] + box[3] + 1) // 2
    canvas.text((box[0] + 16 - left, middle - (top + bottom) // 2), text, font, TEXT)
    return box[0]


def draw(spec: CardSpec) -> Image.Image:
    """The card as a palette image (see PALETTE)."""
    from PIL import Image

    grey = _draw(spec).image.crop((1, 0, WIDTH + 1, HEIGHT))
    card = Image.frombytes("P", grey.size, grey.tobytes())
    card.putpalette(PALETTE)
    return card


# --- PNG -----------------------------------------------------------------------------------------------------
#
# The image data of a PNG is one zlib stream of the scanlines. A deflate stream may be cut into pieces that
# were compressed on their own: each piece is compressed from an empty window and ends with a sync flush
# (byte-aligned, not final), so pieces can be joined in any order and a final empty block closes the stream.
# Rows that only the background touched, or only the same drawing operations (the kicker of a field, the
# rule and footer), give the same piece every time: those are compressed once per process.

ROW = WIDTH + 1  # bytes a scanline: the filter byte, then one palette index a pixel
_BLANK_ROW = bytes([0]) + bytes([ACCENT]) * ACCENT_BAR + bytes(WIDTH - ACCENT_BAR)
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KB window
_FINAL_BLOCK = b"\x03\x00"  # an empty final block with fixed codes
# Recently used pieces, (rows, what drew them) -> (deflated, Adler-32). Titles are new on each card, kickers and
# footers come back: a few hundred keeps those.
_PIECES: OrderedDict[tuple, tuple[bytes, int]] = OrderedDict()
_MAX_PIECES = 256
# Raw deflate (the pieces are joined under one zlib header) by zlib-ng's level 1 (the zlib-ng package): on these
# cards' rows it took 0.26 ms a card against 0.80 for zlib's fastest setting for them (run-length only), for
# files of the same size (29.1 against 29.2 KB; 1,000 cards at 10,000 initiatives, every piece compressed); its
# checksums, the same functions as zlib's, are five times faster. The same rows give the same bytes with the same
# zlib-ng version (pinned in requirements/lock.txt) on the same kind of processor. ISA-L's level 1 (isal) was as
# fast, but gave other bytes for the same rows in about 1 card of 7,000 drawn by forked workers.
_DEFLATE = (1, zlib_ng.DEFLATED, -15)


def _deflate(rows: bytes) -> tuple[bytes, int]:
    """One piece: the rows as raw deflate blocks ending on a byte boundary, and their Adler-32."""
    packer = zlib_ng.compressobj(*_DEFLATE)
    return packer.compress(rows) + packer.flush(zlib_ng.Z_SYNC_FLUSH), zlib_ng.adler32(rows)


@lru_cache(maxsize=None)
def _blank(count: int) -> tuple[bytes, int]:
    return _deflate(_BLANK_ROW * count)


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs (zlib's adler32_combine, which Python lacks)."""
    base = 65521
    rem = second_length % base
    sum1 = ((first & 0xFFFF) + (second & 0xFFFF) + base - 1) % base
    sum2 = (rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + base - rem) % base
    return sum1 | sum2 << 16


def _groups(marks: list[tuple[int, int, tuple]]) -> list[tuple[int, int, tuple]]:
    """Marks whose rows overlap, merged, top to bottom: (first row, row after the last, what was drawn there in
    drawing order, which is what those rows are made of)."""
    groups: list[list] = []  # [top, bottom, indices of the marks]
    for index in sorted(range(len(marks)), key=lambda index: marks[index][0]):
        top, bottom, _ = marks[index]
        if groups and top < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], bottom)
            groups[-1][2].append(index)
        else:
            groups.append([top, bottom, [index]])
    return [(top, bottom, tuple(marks[index][2] for index in sorted(indices))) for top, bottom, indices in groups]


def _runs(marks: list[tuple[int, int, tuple]]) -> list[tuple[int, int, tuple | None]]:
    """All rows of the card in runs: the groups of marks, and between them blank runs (what is None)."""
    runs: list[tuple[int, int, tuple | None]] = []
    row = 0
    for top, bottom, what in _groups(marks):
        if top > row:
            runs.append((row, top, None))
        runs.append((top, bottom, what))
        row = bottom
    if row < HEIGHT:
        runs.append((row, HEIGHT, None))
    return runs


def _piece(image: Image.Image, top: int, bottom: int, what: tuple | None) -> tuple[bytes, int]:
    """The deflated rows ``top`` to ``bottom`` (excluded). Each piece is compressed on its own, so a card's bytes
    do not depend on which pieces an earlier card left in the cache."""
    if what is None:
        return _blank(bottom - top)
    key = (top, bottom, what)  # the same operations on the same rows draw the same bytes
    piece = _PIECES.get(key)
    if piece is None:
        piece = _PIECES[key] = _deflate(image.crop((0, top, ROW, bottom)).tobytes())
        if len(_PIECES) > _MAX_PIECES:
            _PIECES.popitem(last=False)
    else:
        _PIECES.move_to_end(key)
    return piece


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib_ng.crc32(data, zlib_ng.crc32(kind)))


_HEAD = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)) + _chunk(
    b"PLTE", bytes(PALETTE))
_TAIL = _chunk(b"IEND", b"")


def _png(canvas: _Canvas) -> bytes:
    """The PNG file of a drawn card: 8-bit palette (see PALETTE), no interlacing, scanlines unfiltered."""
    blocks, adler = [_ZLIB_HEADER], 1
    for top, bottom, what in _runs(canvas.marks):
        deflated, checksum = _piece(canvas.image, top, bottom, what)
        blocks.append(deflated)
        adler = _adler32_combine(adler, checksum, (bottom - top) * ROW)
    blocks += [_FINAL_BLOCK, struct.pack(">I", adler)]
    return _HEAD + _chunk(b"IDAT", b"".join(blocks)) + _TAIL


def card_png(spec: CardSpec) -> bytes:
    """The card's PNG file."""
    return _png(_draw(spec))
