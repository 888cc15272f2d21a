"""Response headers (ASVS 3.4): CSP with a nonce, no framing, no sniffing, a referrer policy."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/model/", "/accounts/login/", "/api/v1/model"])
def test_every_page_sends_the_security_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp.split("style-src-attr")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_nonce_changes_per_request(client):
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]
    assert first != second


def test_pages_have_no_inline_scripts_or_handlers(client):
    for url in ("/", "/model/", "/model/levels/3/", "/accounts/login/", "/accounts/signup/"):
        html = client.get(url).content.decode()
        assert "onclick=" not in html and "onload=" not in html
        for chunk in html.split("<script")[1:]:
            assert chunk.lstrip().startswith("src=") or "nonce=" in chunk.split(">")[0]


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_broken_database(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
