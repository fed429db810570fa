from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """?page=N&page_size=M: 25 a page by default, at most 100."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
