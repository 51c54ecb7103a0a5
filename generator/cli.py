"""``sangkien``: the command line for content staff and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import content
from .schema_export import export_all


def _check(args: argparse.Namespace) -> int:
    loaded = content.load(Path(args.content), args.content)
    for problem in loaded.problems:
        print(problem)
    if loaded.problems:
        print(f"\n{len(loaded.problems)} lỗi trong nội dung. Hãy sửa rồi chạy lại: sangkien check", file=sys.stderr)
        return 1
    site = loaded.site
    print(f"Nội dung hợp lệ: {len(site.initiatives)} sáng kiến, {len(site.units)} đơn vị, {len(site.news)} tin.",
          file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    for path in export_all(Path(args.out)):
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sangkien", description="Công cụ nội dung của Sáng kiến Hub")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="kiểm tra toàn bộ nội dung, in mọi lỗi dạng tệp:dòng:cột")
    check.add_argument("--content", default="content", help="thư mục nội dung (mặc định: content)")
    check.set_defaults(run=_check)
    schema = commands.add_parser("schema", help="xuất JSON Schema cho trình soạn thảo")
    schema.add_argument("--out", default="schema", help="thư mục ghi (mặc định: schema)")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
