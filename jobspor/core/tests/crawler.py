"""A link crawler for tests: follows `<a href>` and htmx `hx-get` from the start pages as one logged-in user,
a few instances of each URL pattern (grouped by django.urls.resolve), and records every response that is a
server error or shows a template error."""

import time
from collections import Counter, deque
from contextvars import ContextVar
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from django.template.base import FilterExpression, VariableDoesNotExist
from django.templatetags.i18n import BlockTranslateNode
from django.urls import Resolver404, resolve

_IN_BLOCKTRANSLATE = ContextVar("in_blocktranslate", default=False)

# Query parameters that choose what a page shows (a tab, a measure, a file format) rather than which object:
# each value is a pattern of its own, so every tab of a case is crawled.
MODE_PARAMS = {"fane", "format", "table", "scope", "kind", "alle", "find"}

# Links that change state or leave the user's session.
SKIP_NAMES = {"accounts:logout", "set_language", "accounts:totp"}


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("hx-get"):
            self.links.append(attrs["hx-get"])


class InlineScriptParser(HTMLParser):
    """What the Content-Security-Policy would refuse to run: a <script> without src (a JSON data block is not run
    and is allowed), an on…= event attribute, a javascript: link (`found`); and what it would refuse to apply
    (style-src 'self'): a <style> element, a style="…" attribute (`found_style`). Also the page's links
    (`links`, as LinkParser), so the crawler reads each page once."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.found_style = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("hx-get"):
            self.links.append(attrs["hx-get"])
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.found.append("<script> without src")
        self.found.extend(f"<{tag} {name}=…>" for name in attrs if name.startswith("on"))
        if (attrs.get("href") or "").strip().lower().startswith("javascript:"):
            self.found.append(f"<{tag} href=javascript:…>")
        if tag == "style":
            self.found_style.append("<style> element")
        if "style" in attrs:
            self.found_style.append(f"<{tag} style=…>")


def _parsed(html: str) -> InlineScriptParser:
    parser = InlineScriptParser()
    parser.feed(html)
    return parser


def inline_script_of(html: str) -> list[str]:
    return _parsed(html).found


def inline_style_of(html: str) -> list[str]:
    return _parsed(html).found_style


def csp_problems(response, parsed: InlineScriptParser | None = None) -> list[str]:
    """An HTML page must carry the Content-Security-Policy and nothing in it that the policy would block: neither
    script-src nor style-src may allow inline code ('unsafe-inline'), and the page has no inline script or style.
    `parsed`: the page already parsed (_parsed), if the caller has it."""
    problems = []
    policy = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    script = directives.get("script-src", [])
    if not script or {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(script):
        problems.append(f"Content-Security-Policy missing or allowing inline script: {policy!r}")
    # No style-src of its own would fall back to default-src; Jobspor names it, so its absence is a mistake too.
    style = directives.get("style-src", [])
    if not style or {"'unsafe-inline'", "'unsafe-hashes'", "*"} & set(style):
        problems.append(f"Content-Security-Policy missing style-src or allowing inline style: {policy!r}")
    parser = parsed or _parsed(response.content.decode("utf-8", "replace"))
    problems.extend(parser.found + parser.found_style)
    return problems


def links_of(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return parser.links


@dataclass
class Problem:
    url: str
    status: int
    detail: str

    def __str__(self):
        return f"{self.status} {self.url}: {self.detail}"


@dataclass
class CrawlResult:
    pages: int = 0
    patterns: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)  # 4xx: "status url"
    timings: list[tuple[float, str]] = field(default_factory=list)  # (seconds, url)

    def slowest(self, n=5) -> str:
        return ", ".join(f"{url} {seconds:.1f} s" for seconds, url in sorted(self.timings, reverse=True)[:n])
    seconds: float = 0.0


class TemplateErrorWatch:
    """Within the block, records a template variable that cannot be resolved where that is an error: a value
    given to {% blocktranslate %} (`with`, `count`) or to a filter other than `default`/`default_if_none`
    (a filter applied to nothing). A bare `{{ a.b }}` on a missing value still renders as nothing, as in
    production. `errors` holds (template, expression) of the current request; the crawler empties it."""

    TOLERANT_FILTERS = {"default", "default_if_none"}

    def __init__(self):
        self.errors = []

    def __enter__(self):
        watch = self
        self.saved_resolve = FilterExpression.resolve
        self.saved_render = BlockTranslateNode.render
        saved_resolve, saved_render = self.saved_resolve, self.saved_render

        def resolve(expr, context, ignore_failures=False):
            # Resolved a second time only where a failure is an error (most expressions are a bare {{ a.b }}).
            if expr.is_var and not ignore_failures and (_IN_BLOCKTRANSLATE.get() or strict(expr)):
                try:
                    expr.var.resolve(context)
                except VariableDoesNotExist:
                    where = getattr(getattr(context, "template", None), "origin", None)
                    watch.errors.append(f"{getattr(where, 'template_name', '?')}: {expr.token}")
            return saved_resolve(expr, context, ignore_failures)

        known = {}  # id → (expression, strict); the expression is kept so that its id is not reused

        def strict(expr):
            """Whether the expression has a filter other than the tolerant ones."""
            try:
                return known[id(expr)][1]
            except KeyError:
                names = {getattr(func, "__name__", "") for func, _args in expr.filters}
                known[id(expr)] = (expr, bool(names - watch.TOLERANT_FILTERS))
                return known[id(expr)][1]

        def render(node, context, nested=False):
            token = _IN_BLOCKTRANSLATE.set(True)
            try:
                return saved_render(node, context, nested)
            finally:
                _IN_BLOCKTRANSLATE.reset(token)

        FilterExpression.resolve = resolve
        BlockTranslateNode.render = render
        return self

    def __exit__(self, *exc):
        FilterExpression.resolve = self.saved_resolve
        BlockTranslateNode.render = self.saved_render


def pattern_key(path: str, query: str):
    """(route, the mode parameters' values, the other parameters' names) — or None for a URL outside the site."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    params = parse_qsl(query, keep_blank_values=True)
    mode = tuple(sorted((k, v) for k, v in params if k in MODE_PARAMS))
    other = tuple(sorted({k for k, _v in params if k not in MODE_PARAMS}))
    return (match.view_name or match.route, match.route, mode, other)


def crawl(client, start: list[str], *, watch: TemplateErrorWatch, per_pattern: int = 3, max_pages: int = 2000,
          skip_names=SKIP_NAMES) -> CrawlResult:
    """Breadth-first from `start`; at most `per_pattern` URLs of each pattern. GET only; redirects are followed
    as links (the target counts as a page of its own)."""
    result = CrawlResult()
    began = time.monotonic()
    queue = deque(start)
    seen = set()
    while queue and result.pages < max_pages:
        url, _frag = urldefrag(queue.popleft())
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in seen:
            continue
        seen.add(url)
        key = pattern_key(parts.path, parts.query)
        if key is None or key[0] in skip_names or result.patterns[key] >= per_pattern:
            continue
        result.patterns[key] += 1
        result.pages += 1
        watch.errors.clear()
        began_page = time.monotonic()
        response = client.get(url)
        result.timings.append((time.monotonic() - began_page, url))
        if watch.errors:
            result.problems.append(Problem(url, response.status_code, "template variable(s) not found: "
                                           + "; ".join(sorted(set(watch.errors)))))
        result.statuses[response.status_code // 100 * 100] += 1
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            detail = f"{exc[0].__name__}: {exc[1]}" if exc else "server error"
            result.problems.append(Problem(url, response.status_code, detail))
            continue
        if 400 <= response.status_code < 500:
            result.refused.append(f"{response.status_code} {url}")
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(urljoin(url, response["Location"]))
            continue
        if "text/html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
            continue
        parsed = _parsed(response.content.decode("utf-8", "replace"))
        problems = csp_problems(response, parsed)
        if problems:
            result.problems.append(Problem(url, response.status_code, "; ".join(sorted(set(problems)))))
        for link in parsed.links:
            queue.append(urljoin(url, link))
    result.seconds = time.monotonic() - began
    return result
