"""The PDF diagnosis report: HTML from a template, laid out by WeasyPrint.

Three concerns live here:

* **What the renderer may read.** `ReportURLFetcher` serves only ``data:`` URIs and the app's
  own static files (resolved through the staticfiles finders, never by joining a path by hand);
  everything else — http(s), file, ftp, other hosts, ``..`` escapes — is refused with an
  exception, so neither a template slip nor a user's text can make the server fetch a URL or
  read a local file. The document's base URL is a reserved ``.invalid`` origin: a relative URL
  resolves to that origin (which the fetcher maps to static files), never to the filesystem.
* **How long it may take.** Rendering runs in a small dedicated thread pool and the caller waits
  at most `render_timeout()` seconds (see `_render_in_worker` for the trade-off).
* **Not doing it twice.** A submitted assessment's PDF is stored in the database (`ReportFile`),
  keyed by assessment, language, the template's version and a digest of the editable inputs, so
  every app server shares it and a change of any of those makes a new key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import mimetypes
import posixpath
import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessments.action_plans import board_summary, plan_digest, plan_of
from assessments.business_benchmarks import business_section
from assessments.fingerprint import files_digest
from assessments.models import Assessment, ReportFile
from assessments.reports.report import build_report, report_charts
from maturity.i18n import active_language_code
from maturity.language import normalized_language

logger = logging.getLogger(
    "assessments.pdf"
)  # the name it logged under before assessments/reports/

REPORT_TEMPLATE = "assessments/report_pdf.html"
REPORT_STYLESHEET = "css/report_pdf.css"  # under STATIC_URL, read through the fetcher

# Bump when the report changes in a way the template/CSS hash does not see (report.py, charts,
# the context built here). The template and the stylesheet are hashed in automatically.
REPORT_TEMPLATE_VERSION = "1"

# Relative URLs in the document resolve against this origin. ".invalid" is reserved (RFC 2606)
# and never resolves; the fetcher maps its /static/ paths to the app's static files and
# refuses everything else, so no URL in the report can reach the filesystem or the network.
REPORT_ORIGIN = "https://report.invalid"
REPORT_BASE_URL = REPORT_ORIGIN + "/"

DEFAULT_TIMEOUT_SECONDS = 20  # below gunicorn's default 30 s worker timeout
DEFAULT_WORKERS = 1
TIMEOUT_MESSAGE = "报告生成超时,请稍后重试"  # msgid; translated where it is shown


class ReportRefusedURL(ValueError):
    """The report asked for a URL that is not a data: URI or one of the app's static files."""


class ReportTimeout(Exception):
    """The PDF was not ready within the time limit (it keeps rendering; a retry picks it up)."""


# ---------------------------------------------------------------------------------------------
# URL fetcher
# ---------------------------------------------------------------------------------------------


def static_prefix() -> str:
    """The URL path static files are served under, e.g. ``/static/``."""
    prefix = urlsplit(settings.STATIC_URL).path
    return "/" + prefix.strip("/") + "/"


def static_url(relative_path: str) -> str:
    """The absolute URL of a static file inside the report's reserved origin."""
    return REPORT_ORIGIN + static_prefix() + relative_path.lstrip("/")


def resolve_static(url: str) -> Path:
    """The file behind a report-origin static URL, or `ReportRefusedURL`.

    Only ``https://report.invalid/<STATIC_URL>...``; no query or fragment, no empty, ``.`` or
    ``..`` segment, no backslash or NUL (also when percent-encoded), and the file found by the
    staticfiles finders must really be inside one of their roots (no symlink way out).
    """
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != REPORT_ORIGIN or parts.query or parts.fragment:
        raise ReportRefusedURL(f"not a report static URL: {url}")
    prefix = static_prefix()
    if not parts.path.startswith(prefix):
        raise ReportRefusedURL(f"not under {prefix}: {url}")
    relative = unquote(parts.path[len(prefix) :])
    segments = relative.split("/")
    if (
        not relative
        or "\\" in relative
        or "\x00" in relative
        or any(segment in ("", ".", "..") for segment in segments)
        or posixpath.normpath(relative) != relative
    ):
        raise ReportRefusedURL(f"unsafe static path: {url}")
    found = finders.find(relative)
    if not found:
        raise ReportRefusedURL(f"no such static file: {url}")
    path = Path(found).resolve()
    if not any(path.is_relative_to(root) for root in _static_roots()) or not path.is_file():
        raise ReportRefusedURL(f"static file outside the static roots: {url}")
    return path


def _static_roots() -> list[Path]:
    """Where the staticfiles finders look (STATICFILES_DIRS and the apps' static folders)."""
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    return roots


class ReportURLFetcher(URLFetcher):
    """WeasyPrint's fetcher for the report: ``data:`` URIs and the app's static files only.

    WeasyPrint (v63+) takes a `URLFetcher` instance — it reads ``_fail_on_errors`` from it —
    and calls `fetch`. A refused URL raises `ReportRefusedURL`; WeasyPrint logs it (routed in
    settings.LOGGING) and renders without the resource. No handler of urllib is ever used for
    anything but ``data:`` (no network, no file access, no redirects).
    """

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols=("data", "https"), allow_redirects=False)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            # urllib's RFC 2397 parser; only data: URIs ever reach it (no network, no files).
            response = DataHandler().data_open(Request(url))  # noqa: S310
            content_type = response.headers.get("Content-Type", "text/plain")
            return URLFetcherResponse(url, response.read(), {"Content-Type": content_type})
        if url.startswith(REPORT_ORIGIN + "/"):
            path = resolve_static(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if content_type.startswith("text/"):
                content_type += "; charset=utf-8"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise ReportRefusedURL(f"the report may not load {url[:200]}")


# ---------------------------------------------------------------------------------------------
# HTML and PDF
# ---------------------------------------------------------------------------------------------


def chart_image(svg: str) -> str:
    """The result page's chart as a ``data:`` URI for an ``<img>`` in the report.

    As an image the SVG is parsed by WeasyPrint's SVG renderer alone instead of going through
    the HTML cascade element by element (noticeably faster), and it is still the same drawing.
    Its bold labels are set in the regular weight: a bold CJK glyph anywhere embeds the whole
    Bold face (~130 KB, see report_pdf.css), and the highlight is carried by colour as well."""
    drawing = str(svg).replace(' font-weight="bold"', "")
    return "data:image/svg+xml;base64," + base64.b64encode(drawing.encode()).decode("ascii")


def page_footer() -> dict:
    """The footer "第 N 页 / 共 M 页" in the active language, split around the two counters
    (the stylesheet puts counter(page) and counter(pages) between the pieces)."""
    text = _("第 %(page)s 页 / 共 %(pages)s 页")
    before, _sep, rest = text.partition("%(page)s")
    between, _sep, after = rest.partition("%(pages)s")
    return {"before": before, "between": between, "after": after}


def model_title(content, key: str, fallback: str) -> str:
    """A heading from the model's document texts in the reader's language, without its trailing
    colon; the (translated) generic heading when the model has none in that language."""
    texts = content.version.texts.get(key) or {}
    text = texts.get(active_language_code()) or ""
    return re.sub(r"[::\s]+$", "", text) or fallback


def report_context(assessment: Assessment, *, review=None) -> dict:
    report = build_report(assessment)
    content = report.content
    return {
        "report": report,
        "charts": {name: chart_image(svg) for name, svg in report_charts(report).items()},
        "company": assessment.company,
        "page_footer": page_footer(),
        "colon": ": " if active_language_code() == "en" else ":",
        "homework_title": model_title(content, "homework_title", _("本章作业")),
        "glossary_title": model_title(content, "glossary_title", _("关键术语中英对照表")),
        # A consultant's sign-off and opinion (the download view passes None for now): the
        # template's cover badge and opinion section render only when one is given.
        "review": review,
        "business": _business(report),
        # The one-page board summary after the cover (issue 14).
        "board": board_summary(report, plan_of(assessment)),
    }


def _business(report):
    business = business_section(report)
    business.chart_image = chart_image(business.chart) if business.chart else ""
    return business


def render_report_html(assessment: Assessment, *, review=None) -> str:
    """The report as HTML in the active language (all database reads happen here)."""
    return render_to_string(REPORT_TEMPLATE, report_context(assessment, review=review))


def html_to_pdf(html: str, *, url_fetcher: URLFetcher | None = None) -> bytes:
    """Lay out the report HTML. Pure: no database, no network, only the fetcher's files."""
    fetcher = url_fetcher or ReportURLFetcher()
    document = HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher)
    stylesheet = CSS(url=static_url(REPORT_STYLESHEET), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet])


def render_report_pdf(assessment: Assessment, *, language: str | None = None, review=None):
    """Render now, without cache or time limit (the command line, benchmarks, tests)."""
    with translation.override(language or translation.get_language()):
        html = render_report_html(assessment, review=review)
    return html_to_pdf(html)


# ---------------------------------------------------------------------------------------------
# Cache key
# ---------------------------------------------------------------------------------------------


def version_sources() -> list[Path]:
    """The files that shape a report besides the assessment itself: the template, the
    stylesheet, the translation catalogues and the model's data files (English texts can be
    filled in without a new model version)."""
    sources = [Path(get_template(REPORT_TEMPLATE).origin.name)]
    # The business case section: its template and the code that computes its figures.
    sources.append(Path(get_template("assessments/_business_case.html").origin.name))
    here = Path(__file__).resolve().parent.parent  # assessments/
    sources += [here / name for name in ("business_case.py", "business_benchmarks.py")]
    stylesheet = finders.find(REPORT_STYLESHEET)
    if stylesheet:
        sources.append(Path(stylesheet))
    for locale in settings.LOCALE_PATHS:
        sources.extend(sorted(Path(locale).glob("*/LC_MESSAGES/django.mo")))
    sources.extend(sorted((Path(apps.get_app_config("maturity").path) / "data").glob("*.yaml")))
    return sources


def template_version() -> str:
    """REPORT_TEMPLATE_VERSION plus a hash of `version_sources()` (checked on every call, so an
    edited template or catalogue never serves a stale cached PDF; unchanged files cost a stat)."""
    digest = files_digest(version_sources(), salt=REPORT_TEMPLATE_VERSION)
    return f"{REPORT_TEMPLATE_VERSION}-{digest[:16]}"


def inputs_digest(assessment: Assessment, review=None) -> str:
    """What the report shows that can change after submission: the company's editable fields
    (a renamed company gets a new PDF) and the review's state when one is shown."""
    company = assessment.company
    parts = [
        company.name,
        company.type,
        company.province,
        company.city_tier,
        # The business case (assessments.business_benchmarks) reads the size and the figures.
        str(company.technicians),
        str(company.annual_work_orders),
        json.dumps(assessment.business or {}, sort_keys=True),
        str(getattr(review, "pk", "")),
        str(getattr(review, "updated_at", "")),
        plan_digest(assessment),  # the board summary shows the action plan
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class CacheKey:
    assessment_id: object
    language: str
    template_version: str
    inputs_digest: str


def cache_key(assessment: Assessment, language: str, review=None) -> CacheKey:
    return CacheKey(assessment.pk, language, template_version(), inputs_digest(assessment, review))


def cached_pdf(key: CacheKey) -> bytes | None:
    pdf = (
        ReportFile.objects.filter(
            assessment_id=key.assessment_id,
            language=key.language,
            template_version=key.template_version,
            inputs_digest=key.inputs_digest,
        )
        .values_list("pdf", flat=True)
        .first()
    )
    return bytes(pdf) if pdf is not None else None


def store_pdf(key: CacheKey, pdf: bytes) -> None:
    """Keep the PDF for this key and drop the stale ones of the same assessment and language.

    Two servers may render the same key at once: the second insert hits the unique constraint
    and is ignored (both PDFs are the same report)."""
    try:
        with transaction.atomic():
            ReportFile.objects.create(
                assessment_id=key.assessment_id,
                language=key.language,
                template_version=key.template_version,
                inputs_digest=key.inputs_digest,
                pdf=pdf,
            )
    except IntegrityError:
        return
    ReportFile.objects.filter(assessment_id=key.assessment_id, language=key.language).exclude(
        template_version=key.template_version, inputs_digest=key.inputs_digest
    ).delete()


# ---------------------------------------------------------------------------------------------
# Time limit
# ---------------------------------------------------------------------------------------------
#
# Trade-off. Python cannot stop a thread, and WeasyPrint has no cancellation, so a time limit is
# either a separate process that can be killed, or a thread we stop *waiting* for. A process
# pool would need Django set up in the child, pickling, and fork-safety of Pango/fontconfig
# (WeasyPrint crashes in forked children are a known problem under gunicorn/celery); spawning a
# process per report adds ~1 s of imports. So the layout runs in a small dedicated thread pool:
#
# * signal-free, so it works in gunicorn's threads, runserver and the test runner;
# * the request thread does all database work (the HTML is rendered before) and waits at most
#   `render_timeout()`; then it answers 503 "please retry" instead of holding the worker;
# * the render it gave up on keeps running to completion (it cannot be killed); its result is
#   kept in `_IN_FLIGHT`, so the retry picks it up (or waits for it) instead of starting a
#   second render of the same report — a retry storm costs one render, not many;
# * the pool is small (REPORT_PDF_WORKERS, default 1), which bounds the CPU and memory a burst
#   of downloads can take, and keeps WeasyPrint (not documented as thread-safe) to one thread
#   per process. Time waiting in the queue counts towards the limit: when busy, users get the
#   503 sooner rather than a hung request.

_EXECUTOR: ThreadPoolExecutor | None = None
_EXECUTOR_WORKERS = 0  # the size _EXECUTOR was made with
_EXECUTOR_LOCK = threading.Lock()
_IN_FLIGHT: dict[CacheKey, tuple[Future, float]] = {}
_IN_FLIGHT_TTL = 15 * 60  # seconds an abandoned result is kept for a retry


def render_timeout() -> float:
    """REPORT_PDF_TIMEOUT (settings, from the environment): seconds a download waits."""
    return float(getattr(settings, "REPORT_PDF_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))


def render_workers() -> int:
    """REPORT_PDF_WORKERS (settings, from the environment): renderings at once per process."""
    return max(1, int(getattr(settings, "REPORT_PDF_WORKERS", DEFAULT_WORKERS)))


def _executor() -> ThreadPoolExecutor:
    """The render pool, sized by `render_workers()`; a changed setting makes a new pool (the
    old one finishes what it was given)."""
    global _EXECUTOR, _EXECUTOR_WORKERS
    workers = render_workers()
    with _EXECUTOR_LOCK:
        if _EXECUTOR is None or workers != _EXECUTOR_WORKERS:
            if _EXECUTOR is not None:
                _EXECUTOR.shutdown(wait=False)
            _EXECUTOR = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report-pdf")
            _EXECUTOR_WORKERS = workers
        return _EXECUTOR


def _render_in_worker(key: CacheKey, make_html, timeout: float) -> bytes:
    now = time.monotonic()
    with _EXECUTOR_LOCK:
        for stale in [
            k for k, (f, t) in _IN_FLIGHT.items() if f.done() and now - t > _IN_FLIGHT_TTL
        ]:
            del _IN_FLIGHT[stale]
        entry = _IN_FLIGHT.get(key)
        if entry is not None and entry[0].done() and entry[0].exception() is not None:
            entry = None  # a failed render is not reused: try again
    if entry is None:
        html = make_html()  # in the calling thread: database reads, active language
        future = _executor().submit(html_to_pdf, html)
        with _EXECUTOR_LOCK:
            _IN_FLIGHT[key] = (future, now)
    else:
        future = entry[0]
    try:
        pdf = future.result(timeout=timeout)
    except FutureTimeout:
        logger.warning("PDF report %s not ready within %.0f s", key.assessment_id, timeout)
        raise ReportTimeout(TIMEOUT_MESSAGE) from None
    finally:
        if future.done():
            with _EXECUTOR_LOCK:
                if _IN_FLIGHT.get(key, (None,))[0] is future:
                    del _IN_FLIGHT[key]
    return pdf


def report_pdf(
    assessment: Assessment,
    *,
    language: str | None = None,
    review=None,
    timeout: float | None = None,
) -> bytes:
    """The submitted assessment's PDF in ``language``: from the cache, or rendered within the
    time limit and stored. Raises `ReportTimeout` when it takes too long."""
    if assessment.is_draft:
        raise ValueError("a draft has no report")
    language = normalized_language(language)
    key = cache_key(assessment, language, review)
    pdf = cached_pdf(key)
    if pdf is not None:
        return pdf

    def make_html() -> str:
        with translation.override(language):
            return render_report_html(assessment, review=review)

    started = time.monotonic()
    pdf = _render_in_worker(key, make_html, render_timeout() if timeout is None else timeout)
    logger.info(
        "PDF report %s (%s) rendered in %.0f ms, %d bytes",
        assessment.pk,
        language,
        (time.monotonic() - started) * 1000,
        len(pdf),
    )
    store_pdf(key, pdf)
    return pdf


def report_filename_date(assessment: Assessment) -> str:
    return timezone.localtime(assessment.submitted_at or timezone.now()).strftime("%Y-%m-%d")
