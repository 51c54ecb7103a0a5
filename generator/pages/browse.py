"""The search page (tìm kiếm): every initiative or news post, narrowed by text, unit, field, year and recognition
level, sorted by relevance, date or benefit.

The page is a form the browser runs against the search index (theme/assets/javascripts/browse.js). Its choices
and the word each stands for in the index come from ``generator.search``, which gives those words to each page's
entry in the index. Without JavaScript it says so and links to the static listings.
"""

from __future__ import annotations

from .. import search
from ..model import Site
from . import urls
from .base import PageSpec, SiteInfo, social_card

TITLE = "Tìm kiếm sáng kiến"


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    description = (f"Tìm trong {len(site.initiatives)} sáng kiến và các tin tức của {site.campaign.name}: "
                   "lọc theo đơn vị, lĩnh vực, năm, cấp công nhận.")
    choices = search.choices(site)
    return [PageSpec(
        url=urls.SEARCH,
        template="browse.html",
        in_nav=True,
        title=TITLE,
        description=description,
        card=social_card(site, info, "Tìm kiếm", TITLE, description),
        data={
            "kind": {"key": search.KIND, "label": "Loại", "choices": choices[search.KIND]},
            # narrow the initiatives only: news have none of these
            "filters": [
                {"key": search.UNIT, "label": "Đơn vị", "choices": choices[search.UNIT]},
                {"key": search.FIELD, "label": "Lĩnh vực", "choices": choices[search.FIELD]},
                {"key": search.YEAR, "label": "Năm đăng ký", "choices": choices[search.YEAR]},
                {"key": search.LEVEL, "label": "Cấp công nhận", "choices": choices[search.LEVEL]},
            ],
            "sorts": [("", "Phù hợp nhất"), (search.NEWEST, "Mới nhất"), (search.BENEFIT, "Làm lợi nhiều nhất")],
            # where a reader without JavaScript can still find an initiative
            "listings": [(urls.INITIATIVES, "Tất cả sáng kiến"), (urls.UNITS, "Sáng kiến theo đơn vị"),
                         (urls.FIELDS, "Sáng kiến theo lĩnh vực"), (urls.NEWS, "Tin tức")],
        },
    )]
