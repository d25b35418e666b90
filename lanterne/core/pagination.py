from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def paginate_keys_first(
    queryset: QuerySet, number, per_page: int, *, order_by: list[str], count: int | None = None
) -> Page:
    """A page of `queryset`, found by primary keys before the rows are fetched.

    OFFSET has to walk every earlier row: walking keys through an index is cheap, walking
    rows joined to their commune, département and région is not (page 700 of 50 000
    structures: 144 ms before, a few ms after). Three queries: count (unless given), keys,
    rows.
    """
    keys = queryset.order_by(*order_by).values_list("pk", flat=True)
    paginator = Paginator(keys, per_page)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(number)
    wanted = list(page.object_list)
    rows = queryset.order_by().in_bulk(wanted)
    page.object_list = [rows[pk] for pk in wanted if pk in rows]
    return page
