"""Social cards: the 1200×630 PNG a page shows when it is shared on Facebook or Zalo.

A card is described by a :class:`CardSpec` (plain text); its file name is a hash of that text and the layout
version, so a changed title gives a new URL (the networks cache previews by URL) and an unchanged card is
taken from the cache folder instead of being drawn again. The font (Source Sans Pro, from the
``font-source-sans-pro`` package) has every Vietnamese letter and tone mark.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

import font_source_sans_pro
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
LAYOUT = "1"  # change when the drawing changes, so cached cards are drawn again
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


def _palette() -> list[int]:
    ramp = [tuple(round(b + (w - b) * level / TEXT) for b, w in zip(BACKGROUND, WHITE)) for level in range(TEXT + 1)]
    colours = ramp + _SOLIDS + [WHITE] * (256 - len(ramp) - len(_SOLIDS))
    return [channel for colour in colours for channel in colour]


PALETTE = _palette()


@dataclass(frozen=True)
class CardSpec:
    """What a card says. ``progress`` (0–100) draws a bar under the subtitle."""

    kicker: str  # small line on top: "Sáng kiến · Chuyển đổi số"
    title: str
    subtitle: str  # unit and authors, or the campaign's numbers
    footer: str  # the site
    progress: float | None = None

    @property
    def digest(self) -> str:
        text = "\x1f".join(str(part) for part in (LAYOUT, *astuple(self)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def path(self) -> str:
        """Site-relative path of the PNG."""
        return f"cards/{self.digest}.png"


@lru_cache(maxsize=None)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Vietnamese in NFC needs no shaping: the basic layout draws the same glyphs, faster than Raqm
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap; the last line ends with an ellipsis when the text does not fit.

    Each word is measured once and lines are summed from word widths, not measured again as they grow.
    """
    lines: list[str] = []
    words = text.split()
    sizes = [font.getlength(word) for word in words]
    space = font.getlength(" ")
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
    """The largest size at which the title fits in four lines (long titles get smaller type)."""
    for size in (72, 64, 56, 50):
        font = _font(BOLD, size)
        lines = _wrap(title, font, WIDTH - 160, 4)
        if not lines[-1].endswith("…"):
            return font, lines
    return font, lines


def draw(spec: CardSpec) -> Image.Image:
    """The card as a palette image (see PALETTE)."""
    grey = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(grey)
    pen.rectangle((0, 0, 23, HEIGHT), fill=ACCENT)
    pen.text((80, 60), spec.kicker.upper(), font=_font(BOLD, 30), fill=TEXT)
    font, lines = _title_font(spec.title)
    y = 118
    for line in lines:
        pen.text((80, y), line, font=font, fill=TEXT)
        y += int(font.size * 1.18)
    y += 18
    for line in _wrap(spec.subtitle, _font(REGULAR, 34), WIDTH - 160, 2):
        pen.text((80, y), line, font=_font(REGULAR, 34), fill=SOFT_TEXT)
        y += 42
    if spec.progress is not None:
        pen.rectangle((80, HEIGHT - 150, WIDTH - 80, HEIGHT - 127), fill=TRACK)
        filled = round(80 + (WIDTH - 160) * min(max(spec.progress, 0), 100) / 100)
        if filled > 80:
            pen.rectangle((80, HEIGHT - 150, max(filled, 84), HEIGHT - 127), fill=ACCENT)
    pen.rectangle((80, HEIGHT - 97, WIDTH - 80, HEIGHT - 96), fill=RULE)
    pen.text((80, HEIGHT - 80), spec.footer, font=_font(BOLD, 30), fill=TEXT)
    card = Image.frombytes("P", grey.size, grey.tobytes())
    card.putpalette(PALETTE)
    return card


def _render(spec: CardSpec, target: Path) -> None:
    """Draw one card into ``target`` atomically (a half-written PNG never enters the cache)."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        # run-length deflate: as small as level 6 for these flat images, and the fastest
        draw(spec).save(stream, "PNG", compress_level=6, compress_type=zlib.Z_RLE)
    os.replace(temporary, target)


def _render_all(jobs: list[tuple[CardSpec, Path]], workers: int) -> None:
    if workers <= 1 or len(jobs) < 64:
        for spec, target in jobs:
            _render(spec, target)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_render, *zip(*jobs), chunksize=32))


def ensure(specs: list[CardSpec], cache: Path, workers: int | None = None) -> tuple[dict[str, Path], int]:
    """Every card's PNG in ``cache`` (drawn only when missing): site path -> file, and how many were drawn."""
    cache.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    missing: list[tuple[CardSpec, Path]] = []
    for spec in specs:
        target = cache / f"{spec.digest}.png"
        if spec.path not in files and not target.exists():
            missing.append((spec, target))
        files[spec.path] = target
    _render_all(missing, workers if workers is not None else (os.cpu_count() or 1))
    return files, len(missing)
