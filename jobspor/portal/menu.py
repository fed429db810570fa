"""A portal's menu from (key, label, URL name) entries; an entry whose page is not (yet) there is left out."""

from django.urls import NoReverseMatch, reverse


def menu_items(entries) -> list[dict]:
    items = []
    for key, label, url_name in entries:
        try:
            items.append({"key": key, "label": label, "url": reverse(url_name)})
        except NoReverseMatch:
            continue
    return items
