"""``sangkien``: the command line for content staff and CI.

A mistake by the person running a command (a missing file, an unknown unit, a wrong column) is a message
and exit status 1, never a traceback; a wrong command line is argparse's usage message and status 2.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import io
import json
import os
import re
import sys
from pathlib import Path

from . import content, formatting, headline
from .annotations import annotation, summary
from .clock import publish_date
from .model import Site
from .pages import SiteInfo, build_pages, hand_written, urls
from .progress import Counter, Ticker
from .schema_export import export_all


def _escaped_byte(character: str) -> bool:
    """Whether ``character`` stands for a byte Python could not decode in the locale's encoding (a surrogate of
    os.fsdecode: a path's, or a command line's, non-ASCII letters under an ASCII locale)."""
    return "\udc80" <= character <= "\udcff"


def _unprintable(error: UnicodeEncodeError) -> tuple[bytes | str, int]:
    """How printing writes a character the locale's encoding lacks (the Vietnamese messages' letters under an ASCII
    or Latin-1 locale) where it raised UnicodeEncodeError: as JSON escapes it (``\\u1ec7``, a character beyond
    U+FFFF as two), so ``stats --format json`` still prints the same values; a byte of a path the locale could not
    decode (a surrogate, os.fsdecode) is written as it was read."""
    character = error.object[error.start]
    if _escaped_byte(character):
        return bytes([ord(character) - 0xDC00]), error.start + 1
    return json.dumps(character)[1:-1], error.start + 1


codecs.register_error("sangkien-unprintable", _unprintable)


def _shown(folder: str) -> str:
    """How messages name the content folder: as typed, without a trailing '/' (as the loader does)."""
    return folder.rstrip("/") or "."


def _load(args: argparse.Namespace) -> content.Loaded:
    with Ticker("Đang đọc nội dung"):
        return content.load(Path(args.content), args.content)


def _print_problems(problems: list[content.Problem], style: str = "text") -> None:
    for problem in problems:
        print(annotation(problem) if style == "github" else problem)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if style == "github" and problems and summary_file:
        # (a path Python read under an ASCII locale, with surrogates for its non-ASCII bytes, written as it was read)
        with open(summary_file, "a", encoding="utf-8", errors="surrogateescape") as file:
            file.write(summary(problems))


def _check(args: argparse.Namespace) -> int:
    loaded = _load(args)
    # with mistakes in the content there is no site to define pages from: the clashes with the pages every site
    # has are reported all the same, with the mistakes
    site = None if loaded.problems else loaded.site
    problems = sorted(loaded.problems + _page_clashes(Path(args.content), args.content, site))
    _print_problems(problems, args.format)
    if problems:
        print(f"\n{len(problems)} lỗi trong nội dung. Hãy sửa rồi chạy lại: sangkien check", file=sys.stderr)
        return 1
    site = loaded.site
    print(f"Nội dung hợp lệ: {len(site.initiatives)} sáng kiến, {len(site.units)} đơn vị, {len(site.news)} tin.",
          file=sys.stderr)
    return 0


def _page_clashes(root: Path, shown: str, site: Site | None) -> list[content.Problem]:
    """The hand-written pages of ``root``/pages at the address of a generated page, as the build reports them
    (pages.hand_written). Only for a page in a folder of generated pages (urls.SECTIONS) are the site's pages
    defined, as the build defines them today: 1.4-1.6 s more of a check at 10,000 initiatives. Without a
    ``site``, only the home page and the sections' first pages, which every site has, are compared."""
    folder = root / "pages"
    written = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue  # MkDocs leaves hidden files out
        name = hand_written.generated_name(rel)
        if name is not None and urls.may_be_generated(name[:-len("index.md")]):
            written[name] = f"{shown}/pages/{rel}"
    if not written:
        return []
    if site is None:
        return hand_written.clashes((f"{url}index.md" for url in (urls.HOME, *urls.SECTIONS)), written)
    specs = build_pages(site.published(publish_date()), SiteInfo(site.campaign.short_name, "http://127.0.0.1:8000/"),
                        later=True)
    return hand_written.clashes((spec.src_uri for spec in specs), written)


def _schema(args: argparse.Namespace) -> int:
    for path in export_all(Path(args.out)):
        print(path)
    return 0


def _stats(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded.problems:
        _print_problems(loaded.problems)
        print(f"\n{len(loaded.problems)} lỗi trong nội dung; chưa tính được số liệu. Hãy chạy: sangkien check",
              file=sys.stderr)
        return 1
    numbers = headline.as_json(loaded.site.published(publish_date()))
    if args.format == "json":
        print(json.dumps(numbers, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(headline.markdown(numbers, _read_base(args.base)), end="")
    else:
        print(headline.text(numbers))
    return 0


def _read_base(path: str | None) -> dict | None:
    """The base's numbers for a comparison; an absent or empty file means there is nothing to compare."""
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "count" in data else None


def _new(args: argparse.Namespace) -> int:
    from . import scaffold
    from .references import load_references

    root, shown = Path(args.content), _shown(args.content)
    try:
        if args.kind == "news":
            created = scaffold.new_news(root, shown, title=args.title, day=args.date or publish_date(),
                                        slug=args.slug)
        else:
            refs, problems = load_references(root, shown)
            if refs is None:
                _print_problems(problems)
                print("\nHãy sửa các lỗi trên rồi chạy lại (xem thêm: sangkien check)", file=sys.stderr)
                return 1
            created = scaffold.new_initiative(root, shown, refs, unit=args.unit, title=args.title,
                                              slug=args.slug, code=args.code, field=args.field,
                                              registered_on=args.registered_on)
    except scaffold.ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(created.shown)
    print("Đã tạo tệp. Hãy điền các trường còn trống rồi chạy: sangkien check", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from . import importer  # openpyxl and the importer load only for this command

    counter = Counter("Đang nhập", 0, "dòng")

    def progress(done: int, total: int) -> None:
        counter.total = total
        counter.update(done)

    try:
        with counter:
            report = importer.import_file(Path(args.file), Path(args.content), _shown(args.content),
                                          dry_run=args.dry_run, progress=progress)
    except importer.TableError as error:
        for line in str(error).splitlines():
            print(f"{args.file}: {line}", file=sys.stderr)
        return 1
    except importer.ImportStopped as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    _print_report(report, args.file, args.dry_run)
    return 1 if report.count("rejected") else 0


def _print_report(report, source: str, dry_run: bool) -> None:
    if report.ignored_columns:
        print("Bỏ qua các cột không dùng: " + ", ".join(report.ignored_columns), file=sys.stderr)
    for change in report.changes:
        if change.kind == "created":
            print(f"tạo mới: {change.shown} ({change.code})")
        elif change.kind == "updated":
            moved = f" — chuyển từ {change.moved_from}" if change.moved_from else ""
            print(f"cập nhật: {change.shown} ({change.code}): {', '.join(change.fields)}{moved}")
        elif change.kind == "rejected":
            for message in change.messages:
                print(f"{source}, dòng {change.row}: {message}")
    for row, note in report.notes:
        print(f"{source}, dòng {row}: lưu ý: {note}")
    counts = [("Tạo mới", "created"), ("Cập nhật", "updated"), ("Không đổi", "unchanged"), ("Bị từ chối", "rejected")]
    summary = " · ".join(f"{label}: {formatting.number(report.count(kind))}" for label, kind in counts)
    note = " (chạy thử: chưa ghi tệp nào)" if dry_run else ""
    print(f"{summary}{note}")


def _links(args: argparse.Namespace) -> int:
    from .linkcheck import base_path, check_site

    root = Path(args.site)
    if not (root / "index.html").is_file():
        print(f"{args.site}: không thấy trang web đã dựng (thiếu index.html); hãy chạy mkdocs build trước",
              file=sys.stderr)
        return 1
    broken = check_site(root, base_path(root))
    for item in broken:
        print(f"{args.site}/{item}")
    if broken:
        print(f"\n{len(broken)} liên kết hỏng.", file=sys.stderr)
        return 1
    print("Mọi liên kết trong trang đều dẫn tới đúng chỗ.", file=sys.stderr)
    return 0


def _synth(args: argparse.Namespace) -> int:
    from .synth import NotEmptyError, write_tree  # a development tool: content trees for benchmarks and tests

    try:
        write_tree(Path(args.out), initiatives=args.initiatives, news=args.news, seed=args.seed)
    except (NotEmptyError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(args.out)
    return 0


# ---------------------------------------------------------------------------------------------------- arguments


def _typed(text: str) -> str:
    """A text argument as it was typed. A terminal sends its letters as UTF-8 whatever the locale says; under a
    locale whose encoding is ASCII, Python reads each byte of "Sáng kiến" as a surrogate (os.fsdecode), which the
    check refused as a control character. Such bytes are read again as UTF-8 when they are UTF-8."""
    if not any(map(_escaped_byte, text)):
        return text
    try:
        return os.fsencode(text).decode("utf-8")
    except UnicodeError:
        return text


def _date(text: str) -> dt.date:
    """A date written as content files write it, with their messages (content.kinds.Date): Python alone would
    also take '20221115' and '2022-W46-2', and call 2022-02-30 a wrong format."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"ngày '{text}' không đúng dạng YYYY-MM-DD (ví dụ 2022-11-15)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày '{text}' không tồn tại") from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' không phải số nguyên không âm")
    return int(text)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Vietnamese: of an error message, the usage line and the help (status 2 of
    an error is kept)."""

    _WORDS = (("the following arguments are required:", "thiếu tham số bắt buộc:"),
              ("unrecognized arguments:", "tham số không hợp lệ:"),
              ("invalid choice:", "lựa chọn không hợp lệ:"),
              ("(choose from", "(chọn một trong"),
              ("expected one argument", "cần một giá trị"),
              ("argument ", "tham số "))
    _HELP_WORDS = (("usage: ", "cách dùng: "), ("positional arguments:", "lệnh và tham số:"),
                   ("options:", "tuỳ chọn:"), ("show this help message and exit", "hiện hướng dẫn này rồi thoát"))

    def error(self, message: str):
        for english, vietnamese in self._WORDS:
            message = message.replace(english, vietnamese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")

    def format_usage(self) -> str:
        return self._vietnamese(super().format_usage())

    def format_help(self) -> str:
        return self._vietnamese(super().format_help())

    def _vietnamese(self, text: str) -> str:
        for english, vietnamese in self._HELP_WORDS:
            text = text.replace(english, vietnamese)
        return text


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", help="thư mục nội dung (mặc định: content)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sangkien", description="Công cụ nội dung của Sáng kiến Hub")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="kiểm tra toàn bộ nội dung, in mọi lỗi dạng tệp:dòng:cột")
    _content_option(check)
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="text: tệp:dòng:cột: lỗi; github: chú thích hiện ngay trên thay đổi của pull request")
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="xuất JSON Schema cho trình soạn thảo")
    schema.add_argument("--out", default="schema", help="thư mục ghi (mặc định: schema)")
    schema.set_defaults(run=_schema)

    new = commands.add_parser("new", help="tạo tệp sáng kiến hoặc tin mới, đặt tên đúng quy ước")
    kinds = new.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    initiative = kinds.add_parser("initiative", help="sáng kiến mới: initiatives/<đơn vị>/<tên>.yml")
    initiative.add_argument("--unit", required=True, type=_typed, help="mã đơn vị trong units.yml (ví dụ evnhanoi)")
    initiative.add_argument("--title", required=True, type=_typed, help="tên sáng kiến; tên tệp được tạo từ đây")
    initiative.add_argument("--code", type=_typed, help="mã đăng ký trên hệ thống của chương trình")
    initiative.add_argument("--field", type=_typed, help="mã lĩnh vực trong campaign.yml")
    initiative.add_argument("--registered-on", type=_date, help="ngày đăng ký, YYYY-MM-DD")
    news = kinds.add_parser("news", help="tin mới: news/<năm>/<năm-tháng-ngày>-<tên>.md")
    news.add_argument("--title", required=True, type=_typed, help="tiêu đề tin; tên tệp được tạo từ đây")
    news.add_argument("--date", type=_date, help="ngày đăng, YYYY-MM-DD (mặc định: hôm nay)")
    for kind in (initiative, news):
        kind.add_argument("--slug", type=_typed,
                          help="tên tệp tự chọn (chữ thường không dấu, số, '-') thay cho tên tạo từ tiêu đề")
        _content_option(kind)
    new.set_defaults(run=_new)

    imports = commands.add_parser("import", help="nhập sáng kiến từ tệp xuất của hệ thống đăng ký (.csv, .xlsx)")
    imports.add_argument("file", help="tệp .csv (UTF-8) hoặc .xlsx")
    _content_option(imports)
    imports.add_argument("--dry-run", action="store_true", help="chỉ báo sẽ thay đổi gì, không ghi tệp")
    imports.set_defaults(run=_import)

    stats = commands.add_parser("stats", help="các con số chính: số sáng kiến, chỉ tiêu, tỉ lệ, đơn vị dẫn đầu")
    _content_option(stats)
    stats.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="text (mặc định), json (để so sánh), markdown (bảng tóm tắt cho pull request)")
    stats.add_argument("--base", help="với --format markdown: tệp json số liệu trước thay đổi, để so sánh")
    stats.set_defaults(run=_stats)

    links = commands.add_parser("links", help="kiểm tra mọi liên kết nội bộ của trang đã dựng")
    links.add_argument("--site", default="site", help="thư mục trang đã dựng (mặc định: site)")
    links.set_defaults(run=_links)

    synth = commands.add_parser("synth", help="tạo một cây nội dung tổng hợp (để đo hiệu năng, kiểm thử)")
    synth.add_argument("--initiatives", type=_count, required=True, help="số sáng kiến")
    synth.add_argument("--news", type=_count, default=0, help="số tin")
    synth.add_argument("--seed", type=_count, default=0, help="hạt giống ngẫu nhiên: cùng hạt giống, cùng nội dung")
    synth.add_argument("--out", required=True, help="thư mục ghi")
    synth.set_defaults(run=_synth)
    return parser


def main(argv: list[str] | None = None) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):  # a stream that encodes: one in memory (a test's) takes any text
        sys.stdout.reconfigure(errors="sangkien-unprintable")
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
