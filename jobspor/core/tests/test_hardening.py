"""Browser hardening: every page carries the Content-Security-Policy, Permissions-Policy and Referrer-Policy, and
nothing the policy would block (inline script, on…= handlers, inline style); security.txt; `check --deploy` under
production."""

import datetime as dt
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from jobspor.testing.factories import (
    EmployeeFactory,
    citizen_login,
    company_login,
    make_case,
    make_company,
    make_company_user,
    make_contact,
    make_job,
)

from .crawler import TemplateErrorWatch, crawl, csp_problems, inline_script_of, inline_style_of

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [p for p in (ROOT / "jobspor").rglob("templates") if p.is_dir()]
SCRIPT_WITHOUT_SRC = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
EVAL_ATTRIBUTE = re.compile(r"\shx-on[:-]|\shx-(vars|vals)\s*=\s*[\"']\s*js:|\shx-trigger\s*=\s*[\"'][^\"']*\[", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^<>]*?\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
# A module that turns rendered HTML into a PDF (WeasyPrint, through placements/pdf.py or cv/pdf.py), and the
# templates it renders: a PDF response carries no Content-Security-Policy (jobspor/core/csp.py), and WeasyPrint
# reads the PDF's <style> itself, so those templates may keep theirs.
PDF_MAKER = re.compile(r"\b(html_to_pdf|cv_pdf|write_pdf)\(")
RENDERED = re.compile(r"render_to_string\(\s*[\"']([^\"']+)[\"']")


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def test_no_template_has_inline_script_or_event_handlers():
    """Every template, also those no crawl reaches (e-mails, PDFs, error pages): scripts only by src."""
    found = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in SCRIPT_WITHOUT_SRC.finditer(text)]
            found += [f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in EVENT_ATTRIBUTE.finditer(text)]
            if EVAL_ATTRIBUTE.search(text):
                found.append(f"{path.relative_to(ROOT)}: hx-on / js: needs eval, which htmx is not allowed")
    assert not found, "\n".join(found)


def pdf_templates() -> set[str]:
    """The templates rendered into a PDF: named by render_to_string in a module that makes a PDF."""
    names = set()
    for path in (ROOT / "jobspor").rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if PDF_MAKER.search(text):
            names.update(RENDERED.findall(text))
    return names


def test_no_template_has_inline_style_except_the_pdfs():
    """style-src 'self': no <style> element and no style="…" attribute in any template (a bar's width is a class of
    percent.css, a layout detail a class of jobspor.css or DKFDS). Only the templates rendered into PDFs keep their
    <style>: a PDF carries no policy. Template comments may mention <style>."""
    pdfs = pdf_templates()
    assert pdfs == {"letters/letter_pdf.html", "placements/agreement_pdf.html", "cv/cv_pdf.html"}, pdfs
    found, exempt = [], []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            name = path.relative_to(directory).as_posix()
            text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
            hits = [m.group(0)[:60] for m in STYLE_ELEMENT.finditer(text)]
            hits += [m.group(0)[-60:] for m in STYLE_ATTRIBUTE.finditer(text)]
            if name in pdfs:
                exempt.append(name)
            else:
                found += [f"{path.relative_to(ROOT)}: {hit}" for hit in hits]
    assert not found, "\n".join(found)
    assert sorted(exempt) == sorted(pdfs), "a PDF template has moved: update the exemption"


def test_the_style_check_of_templates_finds_attributes_and_elements():
    text = TEMPLATE_COMMENT.sub("", '{# no <style> here #}<style>p{}</style><div\n  class="x" style="width: 1%">'
                                    '<svg><rect style="fill:red"/></svg><p data-style="x">')
    assert len(STYLE_ELEMENT.findall(text)) == 1 and len(STYLE_ATTRIBUTE.findall(text)) == 2


def test_the_checker_finds_what_the_policy_would_block():
    html = ('<script>alert(1)</script><script src="/s.js"></script><script type="application/json">{}</script>'
            '<button onclick="x()">b</button><a href="javascript:x()">a</a>')
    assert inline_script_of(html) == ["<script> without src", "<button onclick=…>", "<a href=javascript:…>"]
    html = '<style>p{}</style><p style="color: red">a</p><svg><rect style="fill: red"/></svg><p data-style="x">b</p>'
    assert inline_style_of(html) == ["<style> element", "<p style=…>", "<rect style=…>"]
    assert inline_script_of(html) == [] and inline_style_of('<link rel="stylesheet" href="/s.css">') == []


def test_the_policy_allows_no_inline_style():
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert policy["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_crawler_reports_a_policy_allowing_inline_style():
    from django.http import HttpResponse

    response = HttpResponse("<p>x</p>")
    response["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'"
    assert any("inline style" in p for p in csp_problems(response))
    response["Content-Security-Policy"] = "default-src 'self'; script-src 'self'"
    assert any("style-src" in p for p in csp_problems(response))
    response["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self'"
    assert csp_problems(response) == []
    response.content = b'<p style="width: 5%">x</p>'
    assert csp_problems(response) == ["<p style=…>"]


@pytest.mark.django_db
def test_headers_on_the_login_pages_and_admin():
    client = Client()
    for url in ["/konto/login/", "/min-side/log-ind/", "/virksomhed/log-ind/", "/admin/login/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert policy["form-action"] == ["'self'"], url
        assert "microphone=(self)" in response["Permissions-Policy"] and "camera=()" in response["Permissions-Policy"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert not csp_problems(response), (url, csp_problems(response))


@pytest.fixture
def world(db):
    leader = EmployeeFactory(roles=["leder"])
    jobformidler = EmployeeFactory(roles=["jobformidler"], team=leader.team)
    case = make_case(primary=jobformidler)
    make_contact(case=case, employee=jobformidler)
    company = make_company(owner=jobformidler)
    make_job(company=company, posted=timezone.localdate() - dt.timedelta(days=3))
    return {"leader": leader, "jobformidler": jobformidler, "case": case, "company": company}


def _crawl(client, start):
    with TemplateErrorWatch() as watch:
        return crawl(client, start, watch=watch, per_pattern=1, max_pages=150)


@pytest.mark.django_db
@pytest.mark.timeout(600)
# The policy header and the pages' markup come from the middleware and the templates, the same on both databases (the
# crawl of every role runs on both): `make test` runs this one in the SQLite run, which has less to do.
@pytest.mark.one_database(on="sqlite")
def test_every_page_a_crawl_reaches_carries_the_policy_and_no_inline_script(world):
    """The crawl (core/tests/crawler.py) checks every HTML page for the header and for inline script; here a small
    world as a jobformidler, a leader, the citizen on Min side and a company user on Virksomhedsindgang."""
    summaries = []
    for who in ["jobformidler", "leader"]:
        client = Client(raise_request_exception=False)
        client.force_login(world[who].user)
        result = _crawl(client, ["/", f"/sag/{world['case'].pk}/", f"/virksomheder/{world['company'].pk}/"])
        summaries.append((who, result))
    client = Client(raise_request_exception=False)
    citizen_login(client, world["case"].citizen)
    summaries.append(("citizen", _crawl(client, ["/min-side/"])))
    client = Client(raise_request_exception=False)
    company_login(client, make_company_user(company=world["company"]))
    summaries.append(("company", _crawl(client, ["/virksomhed/"])))
    for who, result in summaries:
        assert result.pages >= 5, (who, result.pages)
        assert not result.problems, f"{who}:\n" + "\n".join(str(p) for p in result.problems)


@pytest.mark.django_db
def test_a_pdf_carries_no_policy(world):
    """Chrome's own PDF viewer may not show a PDF under object-src 'none'; a PDF runs none of our script anyway."""
    from django.http import HttpResponse

    from jobspor.core.csp import ContentSecurityPolicyMiddleware

    request = Client().get("/konto/login/").wsgi_request
    middleware = ContentSecurityPolicyMiddleware(lambda r: HttpResponse(b"%PDF-1.7", content_type="application/pdf"))
    middleware.process_request(request)
    assert "Content-Security-Policy" not in middleware.process_response(request, middleware.get_response(request))


IDP_METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example/">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
      Location="https://logout.nemlog-in.example/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
      Location="https://login.nemlog-in.example/sso?x=1"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


@pytest.mark.django_db
def test_forms_may_lead_to_the_identity_provider_and_configured_origins(tmp_path):
    """A portal's "Log af" redirects to NemLog-in's single logout: its origins join form-action, nothing else."""
    metadata, key, cert = tmp_path / "idp.xml", tmp_path / "sp.key", tmp_path / "sp.crt"
    metadata.write_text(IDP_METADATA)
    kombit = tmp_path / "kombit.xml"  # KOMBIT's Context Handler, for staff
    kombit.write_text(IDP_METADATA.replace("logout.nemlog-in.example", "adgangsstyring.kombit.example"))
    key.write_text("k")
    cert.write_text("c")
    with override_settings(JOBSPOR_SAML_ENTITY_ID="https://jobspor.example/saml",
                           JOBSPOR_SAML_IDP_METADATA=str(metadata), JOBSPOR_SAML_KEY_FILE=str(key),
                           JOBSPOR_SAML_CERT_FILE=str(cert),
                           JOBSPOR_KOMBIT_IDP_METADATA=str(kombit),
                           JOBSPOR_CSP_FORM_ACTION=["https://sso.kommune.example"]):
        policy = directives(Client().get("/min-side/log-ind/"))
    assert sorted(policy["form-action"]) == ["'self'", "https://adgangsstyring.kombit.example",
                                             "https://login.nemlog-in.example", "https://logout.nemlog-in.example",
                                             "https://sso.kommune.example"]
    assert policy["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_security_txt():
    client = Client()
    assert client.get("/.well-known/security.txt").status_code == 404  # no contact set: nothing to say
    with override_settings(JOBSPOR_SECURITY_CONTACT="mailto:it-sikkerhed@kommune.example"):
        response = client.get("/.well-known/security.txt")
        policy = client.get("/.well-known/security-policy.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:it-sikkerhed@kommune.example"
    assert fields["Preferred-Languages"] == "da, en"
    assert fields["Policy"] == "http://testserver/.well-known/security-policy.txt"
    expires = dt.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    assert timezone.now() < expires < timezone.now() + dt.timedelta(days=365)  # RFC 9116: less than a year ahead
    assert policy.status_code == 200 and "it-sikkerhed@kommune.example" in policy.content.decode()
    assert "sårbarhed" in policy.content.decode()


@pytest.mark.django_db
def test_security_txt_is_public_for_every_kind_of_user(world):
    with override_settings(JOBSPOR_SECURITY_CONTACT="mailto:it@kommune.example"):
        client = Client()
        citizen_login(client, world["case"].citizen)
        assert client.get("/.well-known/security.txt").status_code == 200
        client.force_login(world["leader"].user)
        assert client.get("/.well-known/security.txt").status_code == 200


def production_env(**extra):
    """The environment a production installation sets (docs/deploy.md), nothing from this test run."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBSPOR_", "DATABASE_URL"))}
    return {**keep, "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": "jobspor.kommune.example",
            "DATABASE_URL": "postgres://jobspor@localhost/jobspor",
            "JOBSPOR_SECURITY_CONTACT": "mailto:it-sikkerhed@kommune.example", **extra}


def check_deploy(env):
    return subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.timeout(600)
def test_check_deploy_gives_no_warning_under_production_settings():
    result = check_deploy(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.timeout(600)
def test_check_deploy_warns_without_a_security_contact():
    result = check_deploy(production_env(JOBSPOR_SECURITY_CONTACT=""))
    assert result.returncode != 0
    assert "jobspor.W001" in result.stdout + result.stderr


def test_the_client_address_behind_a_reverse_proxy(rf):
    """Login throttling counts per address: behind nginx that must be the client's, and a forged header no help."""
    from jobspor.core.client_ip import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    with override_settings(JOBSPOR_PROXY_COUNT=0):
        assert client_ip(request) == "127.0.0.1"  # no proxy configured: the header is anyone's claim
    with override_settings(JOBSPOR_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.7"  # what nginx saw; "6.6.6.6" was the client's own forgery
        assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


@pytest.mark.timeout(600)
def test_a_connection_pool_on_postgresql_when_asked_for():
    """JOBSPOR_DB_POOL_MAX: each process borrows from a psycopg pool instead of keeping a connection of its own."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the pool is PostgreSQL's (psycopg_pool)")
    code = ("import django; django.setup(); from django.db import connection; "
            "connection.ensure_connection(); print(type(connection.pool).__name__, connection.pool.max_size, "
            "connection.settings_dict['CONN_MAX_AGE'])")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "JOBSPOR_DB_POOL_MAX": "4"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ConnectionPool", "4", "0"]
