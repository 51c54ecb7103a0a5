"""The fast card drawing (word cache, own PNG writer) shows exactly what plain ``ImageDraw.text`` draws."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import zlib
from dataclasses import fields, replace
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from conftest import ROOT
from generator import cards

FOOTER = "Sáng kiến Hub · 10.000 sáng kiến"
LONG = "Nâng cao độ tin cậy cung cấp điện lưới trung thế bằng thiết bị tự động phân đoạn"

SPECS = [
    cards.CardSpec("Sáng kiến · Chuyển đổi số", "Số hoá hồ sơ khách hàng", "PC Alpha · Lê Văn Cường", FOOTER),
    cards.CardSpec("Sáng kiến", "Ả À Á Ã Ạ ặ ẫ ổ ờ ự ỹ Đường dây điện", "Đơn vị", "Sáng kiến Hub"),
    *(cards.CardSpec("Tin tức · 14/03/2022", " ".join([LONG] * count), ", ".join(["Nguyễn Thị Hồng Nhung"] * count),
                     FOOTER) for count in (1, 2, 3, 4, 6)),  # every title size, then the ellipsis
    cards.CardSpec("Tiến độ", "Đã đạt 6.512 sáng kiến", "65% chỉ tiêu", FOOTER, progress=65.1),
    *(cards.CardSpec("Tiến độ", LONG, LONG, FOOTER, progress=value) for value in (0, 0.2, 3, 99.9, 100, 180, -4)),
    cards.CardSpec("Tab\there  ·  hai khoảng", "Nhiều   khoảng   trắng\u00a0và NBSP", " đầu và cuối ", " "),
    cards.CardSpec("Xuống\ndòng", "Một tiêu đề", "Phụ đề", FOOTER),  # Pillow draws a line break: drawn as before
    cards.CardSpec("K", "Dấu rời \u0301a và \u0323b", "e\u0302\u0301 NFD", FOOTER),  # marks over the space
    cards.CardSpec("K", "Không" + "x" * 120, "a" * 400, "Emoji 😀 \u200b lạ"),  # wider than the card
    cards.CardSpec("", "T", "", ""),
    cards.CardSpec("Tiến độ", "80 / 10.000 sáng kiến (0,8%)", "tính đến 31/07/2023", FOOTER, 0.8, "Dữ liệu mẫu"),
    cards.CardSpec("Sáng kiến", "T", "S", FOOTER + " · " + LONG, None, "Dữ liệu giả lập"),  # the footer shortened
]


def reference(spec: cards.CardSpec) -> bytes:
    """The card as drawn before the word cache: whole lines through ImageDraw.text (layout 1's drawing)."""
    grey = Image.new("L", (cards.WIDTH, cards.HEIGHT), 0)
    pen = ImageDraw.Draw(grey)
    pen.rectangle((0, 0, 23, cards.HEIGHT), fill=cards.ACCENT)
    pen.text((80, 60), spec.kicker.upper(), font=cards._font(cards.BOLD, 30), fill=cards.TEXT)
    font, lines = cards._title_font(spec.title)
    y = 118
    for line in lines:
        pen.text((80, y), line, font=font, fill=cards.TEXT)
        y += int(font.size * 1.18)
    y += 18
    for line in cards._wrap(spec.subtitle, cards._font(cards.REGULAR, 34), cards.WIDTH - 160, 2):
        pen.text((80, y), line, font=cards._font(cards.REGULAR, 34), fill=cards.SOFT_TEXT)
        y += 42
    if spec.progress is not None:
        pen.rectangle((80, cards.HEIGHT - 150, cards.WIDTH - 80, cards.HEIGHT - 127), fill=cards.TRACK)
        filled = round(80 + (cards.WIDTH - 160) * min(max(spec.progress, 0), 100) / 100)
        if filled > 80:
            pen.rectangle((80, cards.HEIGHT - 150, max(filled, 84), cards.HEIGHT - 127), fill=cards.ACCENT)
    pen.rectangle((80, cards.HEIGHT - 97, cards.WIDTH - 80, cards.HEIGHT - 96), fill=cards.RULE)
    footer = spec.footer
    if spec.label:  # framed at the right, 16 pixels of padding, its text centred on the frame
        font = cards._font(cards.BOLD, 26)
        left, top, right, bottom = font.getbbox(spec.label.upper())
        x0, y0, x1, y1 = cards.WIDTH - 80 - (right - left) - 32, cards.HEIGHT - 88, cards.WIDTH - 80, cards.HEIGHT - 40
        pen.rectangle((x0, y0, x1, y1), fill=cards.ACCENT)
        pen.rectangle((x0 + 3, y0 + 3, x1 - 3, y1 - 3), fill=0)
        pen.text((x0 + 16 - left, (y0 + y1 + 1) // 2 - (top + bottom) // 2), spec.label.upper(), font=font,
                 fill=cards.TEXT)
        footer = cards._wrap(footer, cards._font(cards.BOLD, 30), x0 - 24 - 80, 1)[0]
    pen.text((80, cards.HEIGHT - 80), footer, font=cards._font(cards.BOLD, 30), fill=cards.TEXT)
    return grey.tobytes()


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        assert struct.unpack(">I", png[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + data)
        found.append((kind, data))
        at += 12 + length
    return found


@pytest.mark.parametrize("spec", SPECS, ids=range(len(SPECS)))
def test_a_card_shows_what_image_draw_draws(spec):
    assert cards.draw(spec).tobytes() == reference(spec)


@pytest.mark.parametrize("spec", SPECS, ids=range(len(SPECS)))
def test_the_png_is_valid_and_holds_the_drawn_card(spec):
    png = cards.card_png(spec)
    assert [kind for kind, _ in chunks(png)] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    idat = b"".join(data for kind, data in chunks(png) if kind == b"IDAT")
    unpacker = zlib.decompressobj()
    scanlines = unpacker.decompress(idat)  # checks the Adler-32 at the end of the stream
    assert unpacker.eof and not unpacker.unused_data and len(scanlines) == cards.ROW * cards.HEIGHT
    Image.open(io.BytesIO(png)).verify()
    image = Image.open(io.BytesIO(png))
    assert (image.size, image.mode) == ((1200, 630), "P")
    assert image.tobytes() == reference(spec)
    assert image.getpalette() == cards.PALETTE


def test_bytes_do_not_depend_on_what_was_drawn_before():
    cards._PIECES.clear()
    cards._blank.cache_clear()
    first = [cards.card_png(spec) for spec in SPECS]
    again = [cards.card_png(spec) for spec in reversed(SPECS)][::-1]  # now from cached pieces
    assert first == again
    program = ("import hashlib, sys; from generator import cards; from tests.test_cards_speed_equivalence "
               "import SPECS; print(' '.join(hashlib.sha256(cards.card_png(s)).hexdigest() for s in SPECS))")
    fresh = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}", "PATH": ""})
    assert fresh.stdout.split() == [hashlib.sha256(png).hexdigest() for png in first]


def test_what_draws_the_card_is_in_its_file_name(monkeypatch):
    """A change to the drawing code, the font, FreeType or the compressor gives every card a new name: a cached
    card is only ever the one the build would draw, and a network's preview kept by address is never another."""
    spec = SPECS[0]
    assert spec.path == f"cards/{spec.digest}.png"
    code = hashlib.sha256(Path(cards.__file__).read_bytes()).hexdigest()[:16]
    assert cards.RENDERER.split("|")[:4] == [
        code, f"pillow={version('pillow')}", f"zlib-ng={version('zlib-ng')}",
        f"font-source-sans-pro={version('font-source-sans-pro')}"]
    assert cards.RENDERER.split("|")[4] == f"freetype={ImageFont.core.freetype2_version}"
    before = spec.digest
    monkeypatch.setattr(cards, "RENDERER", cards.RENDERER + "x")
    assert spec.digest != before


def test_a_freetype_setting_in_the_environment_draws_the_same_cards():
    """FREETYPE_PROPERTIES=truetype:interpreter-version=35 (an older hinting) drew every glyph differently."""
    program = ("import hashlib; from generator import cards; from tests.test_cards_speed_equivalence "
               "import SPECS; print(cards.RENDERER, *(hashlib.sha256(cards.card_png(s)).hexdigest() for s in SPECS))")
    runs = [subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}", "PATH": "", **setting}).stdout
            for setting in ({}, {"FREETYPE_PROPERTIES": "truetype:interpreter-version=35"})]
    assert runs[0] == runs[1]


def test_every_field_of_a_card_is_in_its_file_name():
    spec = SPECS[7]  # progress set
    names = {spec.path} | {replace(spec, **{field.name: 1.5 if field.name == "progress" else "khác"}).path
                           for field in fields(spec)}
    assert len(names) == 1 + len(fields(spec))
    assert len({replace(spec, progress=None).path, spec.path}) == 2


@pytest.mark.parametrize("cut", [0, 1, 1201, 65520, 65521, 65522, 300000])
def test_adler32_combine(cut):
    data = bytes(range(256)) * 1300
    joined = cards._adler32_combine(zlib.adler32(data[:cut]), zlib.adler32(data[cut:]), len(data) - cut)
    assert joined == zlib.adler32(data)


VIETNAMESE_TEXT = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠẤẦẨẪẬĐÉỀỂỄỆÍÌỈĨỊÓỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ "
                                   "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ0123456789,.·–:()",
                          max_size=160)


@settings(max_examples=40, deadline=None)
@given(VIETNAMESE_TEXT.filter(str.split), VIETNAMESE_TEXT, VIETNAMESE_TEXT, st.none() | st.floats(-10, 110))
def test_any_vietnamese_card_shows_what_image_draw_draws(title, subtitle, kicker, progress):
    spec = cards.CardSpec(kicker, title, subtitle, FOOTER, progress)
    assert cards.draw(spec).tobytes() == reference(spec)


def test_a_card_whose_title_is_only_spaces_draws_the_rest_as_image_draw_does():
    spec = cards.CardSpec("Tin tức", "   ", "Điện lực Thủ Đức", FOOTER, None)
    assert cards._title_font(spec.title)[1] == []
    assert cards.draw(spec).tobytes() == reference(spec)


def test_a_label_is_framed_at_the_right_and_a_long_footer_stops_before_it():
    spec = SPECS[-1]
    image = cards.draw(spec)
    frame_top = cards.HEIGHT - 88
    row = [image.getpixel((x, frame_top)) for x in range(cards.WIDTH)]
    left = row.index(cards.ACCENT, 80)  # the frame's top edge, after the accent bar of columns 0-23
    assert row[left:cards.WIDTH - 79] == [cards.ACCENT] * (cards.WIDTH - 79 - left)
    assert row[cards.WIDTH - 79:] == [0] * 79
    footer_band = [image.getpixel((x, y)) for y in range(frame_top, cards.HEIGHT - 39) for x in range(left - 24, left)]
    assert set(footer_band) == {0}  # no ink of the footer within 24 pixels of the frame
    assert cards._wrap(spec.footer, cards._font(cards.BOLD, 30), left - 24 - 80, 1)[0].endswith("…")


def test_a_card_without_a_label_keeps_its_file_name():
    """A site without a notice keeps the names (and cached files) of its cards."""
    spec = SPECS[0]
    text = "\x1f".join((cards.RENDERER, spec.kicker, spec.title, spec.subtitle, spec.footer, str(spec.progress)))
    assert spec.digest == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert replace(spec, label="Dữ liệu mẫu").digest != spec.digest


@pytest.mark.parametrize("title", [
    "Ứng dụng PHẦNMỀMQUẢNLÝHỒSƠSÁNGKIẾNTRỰCTUYẾNCHOTOÀNTẬPĐOÀN cho tổ thao tác",
    "https://sangkien.congdoanvietnam.org/dang-ky/sang-kien/chi-tiet?id=123456789&ma=EVNHANOI-2022-0153",
    "Không" + "x" * 120,
])
def test_no_line_of_a_card_runs_past_its_space(title):
    """A word wider than a line (a web address, a name written without spaces) is drawn smaller, and cut into
    pieces at the smallest size, instead of running off the card."""
    font, lines = cards._title_font(title)
    assert lines and all(font.getlength(line) <= cards.WIDTH - 160 for line in lines)
    assert "".join(lines).replace(" ", "").rstrip("…") in title.replace(" ", "")


def test_a_subtitle_of_one_long_word_fills_its_two_lines_and_ends_with_an_ellipsis():
    regular = cards._font(cards.REGULAR, 34)
    lines = cards._wrap("a" * 400, regular, cards.WIDTH - 160, 2)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(regular.getlength(line) <= cards.WIDTH - 160 for line in lines)


def test_a_word_that_fits_at_a_smaller_size_is_not_cut():
    title = "Ứng dụng PHẦNMỀMQUẢNLÝHỒSƠSÁNGKIẾNTRỰCTUYẾN cho tổ thao tác"
    font, lines = cards._title_font(title)
    assert font.size < 72 and "PHẦNMỀMQUẢNLÝHỒSƠSÁNGKIẾNTRỰCTUYẾN" in lines[1].split()
