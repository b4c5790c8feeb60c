"""`faq ingest URL`: pipeline/fetch.py against a real HTTP server on 127.0.0.1, then
the CLI as a user runs it. Only 127.0.0.1 and names under the reserved .invalid
top-level domain are ever contacted."""
from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import pty
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import FIXTURES, run_faq
from pipeline import __version__
from pipeline.cli import Output, _Progress
from pipeline.fetch import (
    USER_AGENT, FetchError, FetchLimits, detect_charset, fetch, format_size, is_url, normalize_url,
    parse_size, snapshot_path, text_for_reader,
)

PAGES = FIXTURES / "fetch"
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
QUICK = FetchLimits(timeout=5)
# Never go through a proxy, so that tests reach 127.0.0.1 (and fail on .invalid) themselves.
NO_PROXY = {"no_proxy": "*", "NO_PROXY": "*"}

needs_html = pytest.mark.skipif(importlib.util.find_spec("pipeline.sources.html") is None,
                                reason="needs the HTML reader, pipeline/sources/html/")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name, value in NO_PROXY.items():
        monkeypatch.setenv(name, value)


def _start_server() -> HTTPServer:
    """A threaded server on 127.0.0.1, so that a slow handler never holds up the next request."""
    httpd = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpd.start()
    return httpd


@pytest.fixture(scope="module")
def _shared_server():
    httpd = _start_server()
    yield httpd
    httpd.clear()
    httpd.stop()


@pytest.fixture
def server(_shared_server):
    """The module's server, with no handlers and an empty log (stopping one takes half a second)."""
    _shared_server.clear()
    yield _shared_server
    _shared_server.clear()


@pytest.fixture
def own_server():
    """A server of the test's own, for tests that stop it."""
    httpd = _start_server()
    yield httpd
    httpd.clear()
    if httpd.is_running():
        httpd.stop()


def faq(*args, cwd: Path):
    return run_faq(*args, cwd=cwd, env=NO_PROXY)


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _snapshot(corpus: Path, server: HTTPServer, path: str, suffix: str) -> Path:
    """The snapshot name faq gives a page of the test server: a slug of host, port and path."""
    stem = re.sub(r"[^a-z0-9]+", "-", f"127.0.0.1:{server.port}{path}".lower()).strip("-")
    return corpus / "raw" / f"{stem}{suffix}"


def _sidecar(snapshot: Path) -> dict:
    return json.loads(snapshot.with_name(snapshot.name + ".fetch.json").read_text(encoding="utf-8"))


def _collection(snapshot: Path) -> dict:
    clean = snapshot.parent.parent / "clean" / f"{snapshot.stem}.yaml"
    return yaml.safe_load(clean.read_text(encoding="utf-8"))


def _clean_bytes(corpus: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((corpus / "clean").iterdir())}


def _raw_bytes(corpus: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((corpus / "raw").iterdir())}


def _fails(url: str, limits: FetchLimits = QUICK) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, limits)
    assert caught.value.path == normalize_url(url)
    return str(caught.value)


# -- pipeline/fetch.py ---------------------------------------------------------

def test_fetch_keeps_the_bytes_and_records_the_response(server):
    body = _page("shop-faq.html")
    server.expect_request("/help/faq").respond_with_data(body, content_type=HTML)
    url = server.url_for("/help/faq")
    page = fetch(url, QUICK)
    assert page.body == body and page.suffix == ".html"
    record = page.record
    assert (record.url, record.final_url, record.status) == (url, url, 200)
    assert record.content_type == HTML and record.charset == "utf-8"
    assert record.sha256 == hashlib.sha256(body).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record.fetched_at)
    request = server.log[0][0]
    assert request.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith(f"faq/{__version__} ")


def test_text_plain_and_xhtml_are_accepted(server):
    server.expect_request("/faq.txt").respond_with_data(_page("library-faq.txt"), content_type="text/plain")
    server.expect_request("/faq.xhtml").respond_with_data(b"<html/>", content_type="application/xhtml+xml")
    assert fetch(server.url_for("/faq.txt"), QUICK).suffix == ".txt"
    assert fetch(server.url_for("/faq.xhtml"), QUICK).suffix == ".xhtml"


def test_redirect_chain_is_followed_to_the_final_url(server):
    server.expect_request("/old").respond_with_response(Response(status=301, headers={"Location": "/older"}))
    server.expect_request("/older").respond_with_response(Response(status=302, headers={"Location": "help/new"}))
    server.expect_request("/help/new").respond_with_response(
        Response(status=307, headers={"Location": server.url_for("/help/faq")}))
    server.expect_request("/help/faq").respond_with_data(_page("shop-faq.html"), content_type=HTML)
    page = fetch(server.url_for("/old"), QUICK)
    assert page.record.url == server.url_for("/old")
    assert page.record.final_url == server.url_for("/help/faq")
    assert page.body == _page("shop-faq.html")


def test_redirect_loop_and_too_many_redirects_are_refused(server):
    server.expect_request("/a").respond_with_response(Response(status=302, headers={"Location": "/b"}))
    server.expect_request("/b").respond_with_response(Response(status=302, headers={"Location": "/a"}))
    assert "redirect loop: redirected back to " + server.url_for("/a") in _fails(server.url_for("/a"))

    def onward(request: Request) -> Response:
        number = int(request.path.rsplit("/", 1)[1])
        return Response(status=302, headers={"Location": f"/hop/{number + 1}"})

    server.expect_request(re.compile(r"^/hop/\d+$")).respond_with_handler(onward)
    message = _fails(server.url_for("/hop/0"), FetchLimits(timeout=5, max_redirects=3))
    assert "redirected more than 3 times (last to " + server.url_for("/hop/4") in message
    assert len(server.log) == 2 + 4  # the loop's two hops, then four hops and no more


@pytest.mark.parametrize("location, scheme", [
    ("file:///etc/passwd", "file"),
    ("ftp://faq-test.invalid/faq.txt", "ftp"),
    ("data:text/html,<h2>Q?</h2>", "data"),
    ("javascript:alert(1)", "javascript"),
])
def test_redirect_to_another_scheme_is_refused(server, location, scheme):
    server.expect_request("/faq").respond_with_response(Response(status=302, headers={"Location": location}))
    message = _fails(server.url_for("/faq"))
    assert f"redirected to a {scheme}: URL, refused" in message
    assert len(server.log) == 1


@pytest.mark.parametrize("status, expected", [
    (404, "HTTP 404 Not Found (check the address"),
    (500, "HTTP 500 Internal Server Error (the server failed; try again later)"),
    (403, "HTTP 403 Forbidden (the page is not public"),
])
def test_http_error_status_is_reported(server, status, expected):
    server.expect_request("/faq").respond_with_data("nope", status=status, content_type=HTML)
    assert _fails(server.url_for("/faq")).startswith(f"{server.url_for('/faq')}: {expected}")


def test_slow_response_times_out(server):
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(_page("shop-faq.html"), content_type=HTML)

    server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    assert "timed out after 0.4 s" in _fails(server.url_for("/slow"), FetchLimits(timeout=0.4))
    assert time.monotonic() - started < 1.2


def test_trickling_response_is_bounded_by_the_overall_deadline(server):
    """A byte every 0.1 s never trips a socket timeout; the deadline still ends it."""
    def trickle():
        yield b"<!DOCTYPE html><html><body>"
        while True:
            time.sleep(0.1)
            yield b" "

    server.expect_request("/trickle").respond_with_response(Response(trickle(), content_type=HTML))
    started = time.monotonic()
    assert "timed out after 0.5 s" in _fails(server.url_for("/trickle"), FetchLimits(timeout=0.5))
    assert time.monotonic() - started < 1.2


def test_oversized_response_is_refused_by_its_length(server):
    server.expect_request("/big").respond_with_data(b"x" * (100 * 1024), content_type=HTML)
    message = _fails(server.url_for("/big"), FetchLimits(timeout=5, max_bytes=64 * 1024))
    assert "larger than 64 KiB" in message and "max_bytes" in message


def test_endless_response_stops_being_read_past_the_limit(server):
    """No Content-Length: reading must stop at the limit, not run until the deadline."""
    sent = []

    def endless():
        while True:
            sent.append(1)
            yield b"<p>" + b"x" * 4093 + b"</p>"

    server.expect_request("/endless").respond_with_response(Response(endless(), content_type=HTML))
    started = time.monotonic()
    assert "larger than 64 KiB" in _fails(server.url_for("/endless"),
                                          FetchLimits(timeout=5, max_bytes=64 * 1024))
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("content_type, expected", [
    ("application/pdf", "not an HTML page (content type application/pdf)"),
    ("image/png", "not an HTML page (content type image/png)"),
    (None, "not an HTML page (no content type)"),
])
def test_other_content_types_are_refused(server, content_type, expected):
    def respond(request: Request) -> Response:
        response = Response(b"%PDF-1.4\n", content_type=content_type or "text/html")
        if content_type is None:
            del response.headers["Content-Type"]
        return response

    server.expect_request("/document").respond_with_handler(respond)
    assert expected in _fails(server.url_for("/document"))


def test_connection_refused_on_a_closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert f"connection refused by 127.0.0.1:{port}" in _fails(f"http://127.0.0.1:{port}/faq")


def test_unresolvable_host():
    message = _fails("http://faq-test.invalid/help/faq")
    assert "could not resolve host faq-test.invalid" in message


@pytest.mark.parametrize("url, expected", [
    ("file:///etc/passwd", "only http and https URLs are fetched, not file URLs"),
    ("ftp://faq-test.invalid/faq.txt", "only http and https URLs are fetched, not ftp URLs"),
    ("javascript:alert(1)", "only http and https URLs are fetched"),
    ("https://user:secret@faq-test.invalid/faq", "URLs with a user name or password are not fetched"),
    ("https:///faq", "it names no host"),
])
def test_only_plain_http_and_https_urls_are_fetched(url, expected):
    with pytest.raises(FetchError, match=re.escape(expected)):
        fetch(url, QUICK)


def test_urls_are_told_apart_from_paths_and_normalised():
    assert is_url("https://example.com/faq") and is_url("HTTP://example.com") and is_url("file:///etc")
    assert is_url("javascript:alert(1)") and is_url("data:text/html,x")
    assert not is_url("raw/page.html") and not is_url("C:\\pages\\faq.html") and not is_url("notes:2024.txt")
    assert normalize_url("HTTPS://Example.COM:443/help/FAQ?q=a b#top") == "https://example.com/help/FAQ?q=a%20b"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("http://bücher.example/") == "http://xn--bcher-kva.example/"


@pytest.mark.parametrize("name, header, expected", [
    ("cafe-cp1252.html", "text/html; charset=windows-1252", ("cp1252", "header")),
    ("cafe-cp1252.html", "text/html", ("cp1252", "meta")),
    ("cafe-cp1252.html", "text/html; charset=no-such-charset", ("cp1252", "meta")),
    ("cafe-cp1252.html", "text/html; charset=ISO-8859-1", ("cp1252", "header")),
    ("shop-faq.html", "text/html; charset=windows-1252", ("cp1252", "header")),  # header beats <meta>
    ("cafe-bom.html", "text/html; charset=windows-1252", ("utf-8", "bom")),  # the BOM beats both
    ("museum-faq.html", "text/html", ("utf-8", "meta")),
])
def test_charset_from_header_meta_or_bom(server, name, header, expected):
    server.expect_request("/page").respond_with_data(_page(name), content_type=header)
    page = fetch(server.url_for("/page"), QUICK)
    assert page.body == _page(name)
    assert detect_charset(page.body, page.record.charset) == expected


def test_unknown_header_charset_is_not_recorded(server):
    server.expect_request("/page").respond_with_data(_page("cafe-cp1252.html"),
                                                     content_type="text/html; charset=no-such-charset")
    assert fetch(server.url_for("/page"), QUICK).record.charset is None
    assert detect_charset(b"plain text", None, html=False) == (None, "none")


def test_plain_text_in_a_declared_charset_reaches_the_reader_as_utf8():
    latin1 = _page("cafe-latin1.txt")
    assert text_for_reader(latin1, "cp1252").decode("utf-8").startswith("Where is the café?")
    utf8 = _page("library-faq.txt")
    assert text_for_reader(utf8, "utf-8") is utf8 and text_for_reader(utf8, None) is utf8


def test_snapshot_names_are_slugs_inside_raw(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    assert snapshot_path(raw, "https://example.com/help/faq", ".html") == raw / "example-com-help-faq.html"
    assert snapshot_path(raw, "https://example.com/help/faq.html", ".html") == raw / "example-com-help-faq.html"
    for url in ("https://example.com/../../etc/passwd", "https://example.com/%2e%2e%2f%2e%2e%2fsecret",
                "https://example.com/a/..%5c..%5cwin.ini", "https://example.com/.hidden"):
        path = snapshot_path(raw, normalize_url(url), ".html")
        assert path.parent == raw and re.fullmatch(r"[a-z0-9-]+\.html", path.name), path


def test_snapshot_names_are_unique_per_url_and_stable(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    first = snapshot_path(raw, "https://example.com/help/faq", ".html")
    first.write_text("<html/>", encoding="utf-8")
    first.with_name(first.name + ".fetch.json").write_text(
        json.dumps({"url": "https://example.com/help/faq"}), encoding="utf-8")
    # Another URL with the same slug, and a file that was not fetched, get names of their own.
    other = snapshot_path(raw, "http://example.com/Help/FAQ", ".html")
    assert other != first and other.name.startswith("example-com-help-faq-")
    assert other == snapshot_path(raw, "http://example.com/Help/FAQ", ".txt").with_suffix(".html")
    (raw / "example-com-shop.txt").write_text("Is it?\n\nYes.\n", encoding="utf-8")
    assert snapshot_path(raw, "https://example.com/shop", ".html").name.startswith("example-com-shop-")


def test_sizes_and_limits():
    assert parse_size(1000) == 1000 and parse_size("1000") == 1000
    assert parse_size("10 MiB") == parse_size("10M") == 10 * 1024 * 1024
    assert parse_size("500KiB") == 500 * 1024 and parse_size("2MB") == 2_000_000
    for bad in ("ten", "5 parsecs", 0, -1, True, 1.5):
        with pytest.raises(ValueError):
            parse_size(bad)
    assert format_size(10 * 1024 * 1024) == "10 MiB" and format_size(1536) == "1.5 KiB"
    assert FetchLimits.from_config({"timeout": 3, "max_bytes": "1 KiB"}) == FetchLimits(3.0, 1024)
    assert FetchLimits.from_config({"timeout": 3}, timeout=0.5).timeout == 0.5


# -- the progress display ------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_count_and_total_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = _Terminal()
    progress = _Progress(Output(quiet=False, verbose=False), stream)
    progress.start(1, 3, "https://example.com/help/faq")
    progress.start(3, 3, "raw/museum.txt")
    progress.done()
    shown = stream.getvalue()
    assert "[--------------------] 1/3 https://example.com/help/faq" in shown
    assert "[#############-------] 3/3 raw/museum.txt" in shown
    assert shown.endswith("\r") and shown.splitlines()[-1].strip() == ""


@pytest.mark.parametrize("tty, ci, quiet, total", [
    (False, None, False, 3),  # not a terminal: a log
    (True, "true", False, 3),  # CI
    (True, None, True, 3),  # -q
    (True, None, False, 1),  # one source needs no bar
])
def test_progress_is_silent_off_a_terminal_in_ci_quiet_or_for_one_source(monkeypatch, tty, ci, quiet, total):
    monkeypatch.setenv("TERM", "xterm")
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    stream = _Terminal() if tty else io.StringIO()
    progress = _Progress(Output(quiet=quiet, verbose=False), stream)
    for number in range(1, total + 1):
        progress.start(number, total, "raw/shop.txt")
    progress.done()
    assert stream.getvalue() == ""


def _on_a_terminal(corpus: Path, *args: str, ci: bool) -> tuple[int, str]:
    """Run faq with its standard error on a pseudo-terminal; what the terminal showed."""
    parent, child = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    environment.update(NO_PROXY, TERM="xterm", COLUMNS="100", **({"CI": "true"} if ci else {}))
    try:
        completed = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=corpus, env=environment,
                                   stdout=subprocess.PIPE, stderr=child, timeout=60)
    finally:
        os.close(child)
    shown = b""
    try:
        while chunk := os.read(parent, 4096):
            shown += chunk
    except OSError:  # the terminal is closed once everything was read
        pass
    os.close(parent)
    return completed.returncode, shown.decode("utf-8", "replace")


def test_progress_on_a_real_terminal_and_not_in_ci(corpus, server):
    for name in ("a", "b", "c"):
        server.expect_request(f"/{name}").respond_with_data(
            _page("library-faq.txt").replace(b"books", f"{name} books".encode()), content_type=TEXT)
    urls = [server.url_for(f"/{name}") for name in ("a", "b", "c")]
    returncode, shown = _on_a_terminal(corpus, "ingest", *urls, ci=False)
    assert returncode == 0
    assert f"1/3 {urls[0]}" in shown and f"3/3 {urls[2]}" in shown and "[" in shown
    returncode, shown = _on_a_terminal(corpus, "ingest", *urls, ci=True)
    assert returncode == 0 and shown == ""


# -- the CLI -------------------------------------------------------------------

SOURCES = [
    pytest.param("/help/faq", "shop-faq.html", HTML, ".html", id="html-details", marks=needs_html),
    pytest.param("/visit", "museum-faq.html", "text/html", ".html", id="html-h2", marks=needs_html),
    pytest.param("/library/faq.txt", "library-faq.txt", TEXT, ".txt", id="text"),
]


@pytest.mark.parametrize("path, fixture, content_type, suffix", SOURCES)
def test_ingest_url_stores_snapshot_and_record_then_ingests_it(corpus, server, path, fixture, content_type,
                                                               suffix):
    body = _page(fixture)
    server.expect_request(path).respond_with_data(body, content_type=content_type)
    url = server.url_for(path)
    result = faq("ingest", url, cwd=corpus)
    assert result.returncode == 0, result.output
    snapshot = _snapshot(corpus, server, path.removesuffix(".txt"), suffix)
    assert snapshot.read_bytes() == body
    record = _sidecar(snapshot)
    assert record == {"url": url, "final_url": url, "status": 200, "content_type": content_type,
                      "charset": "utf-8" if "charset" in content_type else None,
                      "fetched_at": record["fetched_at"], "sha256": hashlib.sha256(body).hexdigest()}
    text = snapshot.with_name(snapshot.name + ".fetch.json").read_text(encoding="utf-8")
    assert text == json.dumps(record, indent=2, sort_keys=True) + "\n"
    collection = _collection(snapshot)
    assert collection["source"] == {"path": f"raw/{snapshot.name}", "sha256": record["sha256"], "url": url}
    assert len(collection["entries"]) == 3
    assert f"{url} -> clean/{snapshot.stem}.yaml: 3 kept" in result.stdout
    assert f"fetched: raw/{snapshot.name} new (HTTP 200" in result.stdout
    lint = faq("lint", cwd=corpus)
    assert lint.returncode == 0, lint.output
    assert faq("ingest", "--check", cwd=corpus).returncode == 0


@pytest.mark.parametrize("path, fixture, content_type, suffix", SOURCES)
def test_reingest_works_offline_from_the_snapshot(corpus, own_server, path, fixture, content_type, suffix):
    server = own_server
    server.expect_request(path).respond_with_data(_page(fixture), content_type=content_type)
    url = server.url_for(path)
    assert faq("ingest", url, cwd=corpus).returncode == 0
    raw, clean = _raw_bytes(corpus), _clean_bytes(corpus)
    server.stop()
    again = faq("ingest", cwd=corpus)
    assert again.returncode == 0, again.output
    assert "(unchanged)" in again.stdout
    by_url = faq("ingest", url, cwd=corpus)
    assert by_url.returncode == 0, by_url.output
    assert "from the snapshot raw/" in by_url.stdout and "--refresh fetches it again" in by_url.stdout
    assert _raw_bytes(corpus) == raw and _clean_bytes(corpus) == clean
    assert faq("ingest", "--check", cwd=corpus).returncode == 0


def test_refresh_fetches_again_and_rewrites_only_what_changed(corpus, server):
    old = _page("library-faq.txt")
    new = old.replace(b"twenty books", b"thirty books")
    server.expect_request("/faq.txt").respond_with_data(old, content_type=TEXT)
    url = server.url_for("/faq.txt")
    assert faq("ingest", url, cwd=corpus).returncode == 0
    snapshot = _snapshot(corpus, server, "/faq", ".txt")
    first = _sidecar(snapshot)
    # Unchanged page: nothing is rewritten, not even the fetch time.
    result = faq("ingest", "--refresh", cwd=corpus)
    assert result.returncode == 0, result.output
    assert "fetched again: raw/" in result.stdout and "is unchanged" in result.stdout
    assert _sidecar(snapshot) == first
    # Changed page: snapshot, record and collection follow it.
    server.clear()
    server.expect_request("/faq.txt").respond_with_data(new, content_type=TEXT)
    assert faq("ingest", url, cwd=corpus).returncode == 0
    assert snapshot.read_bytes() == old  # without --refresh the snapshot is used
    result = faq("ingest", "--refresh", url, cwd=corpus)
    assert result.returncode == 0, result.output
    assert snapshot.read_bytes() == new
    record = _sidecar(snapshot)
    assert record["sha256"] == hashlib.sha256(new).hexdigest() and record["fetched_at"] >= first["fetched_at"]
    assert "thirty books" in _collection(snapshot)["entries"][0]["answer"]
    assert f"fetched: raw/{snapshot.name} updated" in result.stdout
    assert sorted(p.name for p in (corpus / "raw").iterdir()) == [snapshot.name, snapshot.name + ".fetch.json"]


def test_refresh_by_snapshot_path_follows_redirects(corpus, server):
    server.expect_request("/faq").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    assert faq("ingest", server.url_for("/faq"), cwd=corpus).returncode == 0
    snapshot = _snapshot(corpus, server, "/faq", ".txt")
    server.clear()
    server.expect_request("/faq").respond_with_response(Response(status=301, headers={"Location": "/help/faq"}))
    server.expect_request("/help/faq").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    result = faq("ingest", "--refresh", f"raw/{snapshot.name}", cwd=corpus)
    assert result.returncode == 0, result.output
    assert "record updated" in result.stdout and "from " + server.url_for("/help/faq") in result.stdout
    assert _sidecar(snapshot)["final_url"] == server.url_for("/help/faq")
    assert _collection(snapshot)["source"]["url"] == server.url_for("/faq")


def test_a_snapshot_changed_by_hand_is_pointed_out(corpus, server):
    server.expect_request("/faq").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    assert faq("ingest", server.url_for("/faq"), cwd=corpus).returncode == 0
    snapshot = _snapshot(corpus, server, "/faq", ".txt")
    snapshot.write_bytes(snapshot.read_bytes().replace(b"twenty", b"forty"))
    result = faq("ingest", cwd=corpus)
    assert result.returncode == 0, result.output
    assert f"raw/{snapshot.name} differs from what was fetched" in result.stdout
    assert "forty books" in _collection(snapshot)["entries"][0]["answer"]


def test_several_urls_with_one_failing(corpus, server, tmp_path):
    server.expect_request("/library").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    server.expect_request("/cafe").respond_with_data(_page("cafe-latin1.txt"),
                                                     content_type="text/plain; charset=iso-8859-1")
    server.expect_request("/gone").respond_with_data("gone", status=404, content_type=HTML)
    server.expect_request("/report.pdf").respond_with_data(b"%PDF-1.4\n", content_type="application/pdf")
    local = tmp_path / "shop.txt"
    local.write_text("Do you deliver on Sundays?\n\nYes, we deliver on Sundays between 8am and 8pm.\n",
                     encoding="utf-8")
    urls = [server.url_for(p) for p in ("/library", "/gone", "/cafe", "/report.pdf")]
    result = faq("ingest", urls[0], urls[1], local, urls[2], urls[3], cwd=corpus)
    assert result.returncode == 2
    assert f"faq: error: {urls[1]}: HTTP 404 Not Found (check the address" in result.stderr
    assert f"faq: error: {urls[3]}: not an HTML page (content type application/pdf)" in result.stderr
    assert "2 of 5 source(s) could not be ingested." in result.stdout
    assert "Traceback" not in result.output
    assert _collection(_snapshot(corpus, server, "/library", ".txt"))["source"]["url"] == urls[0]
    cafe = _collection(_snapshot(corpus, server, "/cafe", ".txt"))
    assert cafe["entries"][0]["question"] == "Where is the café?"  # the header's charset was applied
    assert _snapshot(corpus, server, "/cafe", ".txt").read_bytes() == _page("cafe-latin1.txt")
    assert (corpus / "clean" / "shop.yaml").exists()
    names = sorted(p.name for p in (corpus / "raw").iterdir())
    assert not [n for n in names if "gone" in n or "report" in n]


@needs_html
def test_html_charset_from_meta_or_bom_when_the_header_is_missing_or_wrong(corpus, server):
    server.expect_request("/meta").respond_with_data(_page("cafe-cp1252.html"), content_type="text/html")
    server.expect_request("/bom").respond_with_data(_page("cafe-bom.html"),
                                                    content_type="text/html; charset=windows-1252")
    result = faq("ingest", server.url_for("/meta"), server.url_for("/bom"), cwd=corpus)
    assert result.returncode == 0, result.output
    for path in ("/meta", "/bom"):
        snapshot = _snapshot(corpus, server, path, ".html")
        assert _collection(snapshot)["entries"][0]["question"] == "Where is the café?"
    assert _sidecar(_snapshot(corpus, server, "/bom", ".html"))["charset"] == "cp1252"


def test_unreadable_page_is_reported_by_url_and_not_saved(corpus, server):
    server.expect_request("/empty").respond_with_data("   \n", content_type=TEXT)
    url = server.url_for("/empty")
    result = faq("ingest", url, cwd=corpus)
    assert result.returncode == 2
    assert f"faq: error: {url}: file is empty" in result.stderr and "nothing was saved as raw/" in result.stderr
    assert list((corpus / "raw").iterdir()) == []


def test_limits_from_options_and_config(corpus, server):
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(_page("library-faq.txt"), content_type=TEXT)

    server.expect_request("/slow").respond_with_handler(slow)
    server.expect_request("/big").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    result = faq("ingest", "--timeout", "0.3", server.url_for("/slow"), cwd=corpus)
    assert result.returncode == 2 and "timed out after 0.3 s" in result.stderr
    (corpus / "faq.toml").write_text('language = "en"\n[ingest]\ntimeout = 0.3\nmax_bytes = "100 B"\n',
                                     encoding="utf-8")
    result = faq("ingest", server.url_for("/slow"), server.url_for("/big"), cwd=corpus)
    assert result.returncode == 2
    assert "timed out after 0.3 s" in result.stderr and "larger than 100 bytes" in result.stderr
    assert faq("ingest", "--max-bytes", "1KiB", server.url_for("/big"), cwd=corpus).returncode == 0
    (corpus / "faq.toml").write_text('language = "en"\n[ingest]\ntimeout = -1\n', encoding="utf-8")
    bad = faq("ingest", cwd=corpus)
    assert bad.returncode == 2 and "ingest.timeout must be a number of seconds" in bad.stderr
    (corpus / "faq.toml").write_text('language = "en"\n[ingest]\nmax_bytes = "lots"\n', encoding="utf-8")
    assert "ingest.max_bytes must be a number of bytes" in faq("ingest", cwd=corpus).stderr
    assert faq("ingest", "--max-bytes", "lots", cwd=corpus).returncode == 2


def test_check_never_fetches(corpus, own_server):
    server = own_server
    server.expect_request("/faq").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    url = server.url_for("/faq")
    assert faq("ingest", url, cwd=corpus).returncode == 0
    server.stop()
    assert faq("ingest", "--check", cwd=corpus).returncode == 0
    refused = faq("ingest", "--check", url, cwd=corpus)
    assert refused.returncode == 2 and "--check never fetches" in refused.stderr
    refused = faq("ingest", "--check", "--refresh", cwd=corpus)
    assert refused.returncode == 2 and "--check never fetches" in refused.stderr


def test_fetch_records_are_not_sources(corpus, server):
    server.expect_request("/faq").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    assert faq("ingest", server.url_for("/faq"), cwd=corpus).returncode == 0
    again = faq("ingest", "raw", cwd=corpus)
    assert again.returncode == 0 and ".fetch.json ->" not in again.stdout
    sidecar = next((corpus / "raw").glob("*.fetch.json"))
    refused = faq("ingest", sidecar, cwd=corpus)
    assert refused.returncode == 2 and "fetch record of a snapshot, not a source" in refused.stderr


def test_redirect_to_a_file_url_is_refused_from_the_cli(corpus, server):
    server.expect_request("/faq").respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"}))
    url = server.url_for("/faq")
    result = faq("ingest", url, "file:///etc/passwd", cwd=corpus)
    assert result.returncode == 2
    assert f"faq: error: {url}: redirected to a file: URL, refused" in result.stderr
    assert "faq: error: file:///etc/passwd: only http and https URLs are fetched" in result.stderr
    assert list((corpus / "raw").iterdir()) == []


def test_redirect_to_an_address_urllib_cannot_parse_is_an_error_not_a_crash(corpus, server):
    class AsWritten(Response):  # werkzeug would parse the Location itself, and fail on it
        def get_wsgi_headers(self, environ):
            return self.headers

    # A bracket opens an IPv6 host that never closes: urllib raises ValueError on it.
    server.expect_request("/faq").respond_with_response(
        AsWritten(status=302, headers={"Location": "http://[faq-test.invalid/help"}))
    url = server.url_for("/faq")
    assert "redirected to 'http://[faq-test.invalid/help', which is not a valid URL" in _fails(url)
    result = faq("ingest", url, cwd=corpus)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"faq: error: {url}: redirected to 'http://[faq-test.invalid/help'" in result.stderr
    assert list((corpus / "raw").iterdir()) == []


def test_a_fetch_record_whose_url_urllib_cannot_parse_is_reported(corpus, server):
    server.expect_request("/faq.txt").respond_with_data(_page("library-faq.txt"), content_type=TEXT)
    assert faq("ingest", server.url_for("/faq.txt"), cwd=corpus).returncode == 0
    snapshot = _snapshot(corpus, server, "/faq", ".txt")
    sidecar = snapshot.with_name(snapshot.name + ".fetch.json")
    record = _sidecar(snapshot)
    record["url"] = "http://[faq-test.invalid/faq.txt"
    sidecar.write_text(json.dumps(record), encoding="utf-8")
    clean = _clean_bytes(corpus)
    result = faq("ingest", snapshot, cwd=corpus)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"raw/{sidecar.name}: fetch record's url is not an http or https URL" in result.stderr
    assert _clean_bytes(corpus) == clean
