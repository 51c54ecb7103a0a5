"""Initiative pages (one per initiative) and the paginated index of all initiatives."""

from __future__ import annotations

from ..content.schema import RECOGNITION_LEVELS
from ..model import Initiative, Site
from ..richtext import to_html
from . import urls
from .base import PageSpec, Pager, numbered, paginate
from .cards import cards


def initiative_page(site: Site, item: Initiative) -> PageSpec:
    unit = site.unit_by_id(item.unit)
    field = site.field_by_id(item.field)
    authors = [{"name": author.name, "job_title": author.job_title,
                "unit": site.unit_by_id(author.unit).short_name if author.unit != item.unit else None,
                "unit_url": urls.unit(site.unit_by_id(author.unit))}
               for author in item.authors]
    photos = [{"url": urls.photo(photo), "alt": photo.alt} for photo in item.photos]
    return PageSpec(
        url=urls.initiative(item),
        template="initiative.html",
        title=item.title,
        description=item.summary,
        data={
            "item": item,
            "unit": unit,
            "unit_url": urls.unit(unit),
            "field": field,
            "field_url": urls.field(field),
            "authors": authors,
            "photos": photos,
            "recognition_level": RECOGNITION_LEVELS[item.recognition.level] if item.recognition else None,
            "description_html": to_html(item.description) if item.description else None,
        },
    )


def index_pages(site: Site) -> list[PageSpec]:
    def make(items: list[Initiative], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.urls[pager.number - 1],
            template="listing.html",
            in_nav=pager.number == 1,
            title=numbered("Tất cả sáng kiến", pager),
            description=f"{len(site.initiatives)} sáng kiến của {site.campaign.name}, mới đăng ký trước.",
            data={"cards": cards(site, items), "pager": pager, "total": len(site.initiatives),
                  "intro": "Sáng kiến mới đăng ký hiện trước. Xem theo đơn vị hoặc lĩnh vực để thu hẹp danh sách."},
        )

    return paginate(site.initiatives, urls.INITIATIVES, make)


def pages(site: Site) -> list[PageSpec]:
    return [initiative_page(site, item) for item in site.initiatives] + index_pages(site)
