"""docs/openapi.yaml is the served description, committed: regenerate it with `make openapi` when the API changes."""

from pathlib import Path

from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml"


def test_the_committed_openapi_file_is_the_generated_one(tmp_path, client):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == COMMITTED.read_text(), "docs/openapi.yaml is stale: run `make openapi`"
    served = client.get("/api/v1/schema/")
    assert served.status_code == 200 and b"openapi: 3.1.0" in served.content


def test_the_swagger_and_redoc_pages_load_their_assets_locally(client):
    for url in ("/api/v1/schema/swagger/", "/api/v1/schema/redoc/"):
        page = client.get(url)
        assert page.status_code == 200
        assert b"cdn" not in page.content.lower() and b"https://" not in page.content


def test_only_redoc_allows_inline_style(client):
    """Redoc writes its styles into <style> elements at run time: its page alone allows them. Swagger's page has
    its <style> in a file (api/swagger_ui.html)."""
    def style_src(url):
        policy = client.get(url)["Content-Security-Policy"]
        return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}["style-src"]

    assert style_src("/api/v1/schema/redoc/") == ["'self'", "'unsafe-inline'"]
    swagger = client.get("/api/v1/schema/swagger/")
    assert style_src("/api/v1/schema/swagger/") == ["'self'"]
    assert b"<style" not in swagger.content and b"api/swagger_ui.css" in swagger.content
