"""The command line: a thin layer over `geobrief.api`."""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from geobrief.config import Settings

DB_HELP = "Database: a file path or a URL (sqlite:///…, postgresql://…). Default: $GEOBRIEF_DB, else ./geobrief.db"


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    @click.option("--db", envvar="GEOBRIEF_DB", default=None, help=DB_HELP)
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    return wrapper


def _open(db: str | None, settings: Settings | None = None) -> Any:
    import geobrief

    return geobrief.open(db, settings)


def _table(rows: list[dict[str, Any]], columns: list[str], widths: dict[str, int] | None = None) -> None:
    widths = widths or {}
    if not rows:
        click.echo("(nothing)")
        return

    def cell(v: Any, col: str) -> str:
        s = "" if v is None else (", ".join(map(str, v)) if isinstance(v, list) else str(v))
        s = " ".join(s.split())
        w = widths.get(col, 40)
        return s if len(s) <= w else s[: w - 1] + "…"

    cells = [[cell(r.get(c), c) for c in columns] for r in rows]
    size = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(size[i]) for i, c in enumerate(columns)).rstrip())
    click.echo("  ".join("-" * size[i] for i in range(len(columns))))
    for row in cells:
        click.echo("  ".join(v.ljust(size[i]) for i, v in enumerate(row)).rstrip())


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str], widths: dict[str, int] | None = None) -> None:
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    else:
        _table(rows, columns, widths)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geobrief")
def main() -> None:
    """geobrief: read international-relations articles, build a sourced, dated knowledge graph."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--model", envvar="GEOBRIEF_MODEL", default=None, help="spaCy model (package or name).")
@click.option("--max-size", type=float, default=None, help="Largest file accepted, in MB (default 50).")
@click.option("--strict", is_flag=True, help="Exit 1 if any input failed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    paths: tuple[str, ...], db: str | None, model: str | None, max_size: float | None, strict: bool, quiet: bool
) -> None:
    """Read, clean, analyse and store articles: files, folders, globs, .gz, or - for stdin."""
    from tqdm import tqdm

    settings = Settings()
    if model:
        settings.model = model
    if max_size:
        settings.max_bytes = int(max_size * 1024 * 1024)
    bars: list[tqdm] = []

    def progress(total: int) -> Callable[[int], None]:
        bar = tqdm(total=total, unit="file", desc="ingest", disable=quiet or None, file=sys.stderr)
        bars.append(bar)
        return bar.update

    def on_error(msg: str) -> None:
        (bars[0].write if bars else click.echo)(f"error: {msg}", file=sys.stderr)

    with _open(db, settings) as gb:
        report = gb.ingest(list(paths), on_error=on_error, progress_factory=progress)
    for bar in bars:
        bar.close()
    click.echo(report.summary() + (f" ({report.words / report.seconds:.0f} words/s)" if report.seconds else ""))
    if (strict and report.failed) or (report.failed and not (report.new or report.unchanged or report.duplicates)):
        sys.exit(1)


@main.command()
@db_option
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def docs(db: str | None, limit: int | None, fmt: str) -> None:
    """List stored documents."""
    with _open(db) as gb:
        rows = gb.docs(limit=limit)
    _emit(
        rows,
        fmt,
        ["id", "published", "words", "author", "title", "duplicate_of"],
        {"id": 12, "title": 60, "author": 24, "duplicate_of": 12},
    )


@main.command()
@db_option
@click.option("--top", type=int, default=None, help="Only the N most mentioned.")
@click.option("--kind", type=click.Choice(["state", "person", "organization", "group", "place"]), default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def actors(db: str | None, top: int | None, kind: str | None, fmt: str) -> None:
    """List actors, most mentioned first."""
    with _open(db) as gb:
        rows = gb.actors(top=top, kind=kind)
    _emit(rows, fmt, ["id", "name", "kind", "country", "mentions", "aliases"], {"aliases": 50, "id": 28})


@main.command()
@db_option
@click.option("--speaker", "--actor", "speaker", default=None, help="Actor id or name (PRK, Putin, 'Kim Jong Un').")
@click.option("--kind", type=click.Choice(["direct", "indirect", "term"]), default=None)
@click.option("--since", default=None, help="Documents published on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Documents published on or before this date.")
@click.option("--limit", type=int, default=None, help="At most N quotes.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def quotes(
    db: str | None,
    speaker: str | None,
    kind: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Quotes (direct, reported, scare-quoted terms) with their speakers."""
    with _open(db) as gb:
        rows = gb.quotes(speaker=speaker, kind=kind, since=since, until=_upper(until))[:limit]
    _emit(rows, fmt, ["speaker_name", "kind", "text", "doc"], {"speaker_name": 24, "text": 80, "doc": 12})


DATE_HELP = "YYYY[-MM[-DD]]"


@main.command()
@db_option
@click.option("--actor", default=None, help="Source actor: id or name (RUS, Russia, Putin).")
@click.option("--target", default=None, help="Target actor: id or name.")
@click.option("--type", "type_", default=None, help="PLOVER type (ASSAULT, CONSULT, AID…).")
@click.option("--since", default=None, help=f"Events on or after {DATE_HELP}.")
@click.option("--until", default=None, help=f"Events on or before {DATE_HELP}.")
@click.option("--all", "include_unreal", is_flag=True, help="Include negated, hypothetical and denied events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
def events(
    db: str | None,
    actor: str | None,
    target: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    include_unreal: bool,
    fmt: str,
) -> None:
    """Events: who did what to whom, when — PLOVER type, CAMEO code, quad class, intensity, evidence."""
    with _open(db) as gb:
        rows = gb.events(
            actor=actor, target=target, type=type_, since=since, until=_upper(until), include_unreal=include_unreal
        )
    if fmt == "csv":
        from geobrief import export as ex

        writer = csv.DictWriter(sys.stdout, fieldnames=ex.FIELDS["events"])
        writer.writeheader()
        for r in rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in r.items()})
        return
    table = [
        {
            **r,
            "when": (r["when"]["start"] or "")[: {"day": 10, "month": 7}.get(r["when"]["precision"], 4)],
            "sources": r["n_sources"],
        }
        for r in rows
    ]
    _emit(
        rows if fmt == "json" else table,
        fmt,
        ["when", "type", "cameo", "source", "target", "intensity", "modality", "sources"],
    )


@main.command()
@db_option
@click.option("--actor", default=None, help="Only claims about this actor (id or name).")
@click.option("--kind", type=click.Choice(["forecast", "judgment", "scenario"]), default=None)
@click.option("--since", default=None, help=f"Documents published on or after {DATE_HELP}.")
@click.option("--until", default=None, help=f"Documents published on or before {DATE_HELP}.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def claims(db: str | None, actor: str | None, kind: str | None, since: str | None, until: str | None, fmt: str) -> None:
    """Claims and forecasts with their estimative words read as probability bands (ICD 203)."""
    with _open(db) as gb:
        rows = gb.claims(actor=actor, kind=kind, since=since, until=_upper(until))
    table = [
        {**r, "band": f"{r['probability']['low']:.0%}–{r['probability']['high']:.0%}" if r["probability"] else ""}
        for r in rows
    ]
    _emit(rows if fmt == "json" else table, fmt, ["kind", "estimative", "band", "text"], {"text": 90})


@main.command()
@db_option
@click.option("--actor", default=None, help="The actor that wants (id or name).")
@click.option("--from", "source", default=None, help="The actor it wants it from.")
@click.option("--since", default=None, help=f"Documents published on or after {DATE_HELP}.")
@click.option("--until", default=None, help=f"Documents published on or before {DATE_HELP}.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def interests(
    db: str | None, actor: str | None, source: str | None, since: str | None, until: str | None, fmt: str
) -> None:
    """What each actor wants, and from whom."""
    with _open(db) as gb:
        rows = gb.interests(actor=actor, source=source, since=since, until=_upper(until))
    _emit(rows, fmt, ["actor", "wants", "from", "doc"], {"wants": 70, "doc": 12})


@main.command()
@click.argument("actor_a")
@click.argument("actor_b", required=False)
@db_option
@click.option("--since", default=None, help=f"Only documents published on or after {DATE_HELP}.")
@click.option("--until", default=None, help=f"Only documents published on or before {DATE_HELP}.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write FILE.md, FILE.html (self-contained) or FILE.pdf (rendered by headless Chromium); "
    "without it, Markdown to the terminal.",
)
def brief(
    actor_a: str, actor_b: str | None, db: str | None, since: str | None, until: str | None, output: str | None
) -> None:
    """The analyst's brief on a dyad (or one actor): nutshell, timeline, wants, forecasts, quotes, sources."""
    from pathlib import Path

    from geobrief.report.brief import to_html, to_markdown

    with _open(db) as gb:
        result = gb.brief(actor_a, actor_b, since=since, until=_upper(until))
        texts = {d.id: d.text for d in (gb.store.document(s["id"]) for s in result.sources) if d}
    if not output:
        click.echo(to_markdown(result))
        return
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in (".md", ".html", ".htm", ".pdf"):
        raise click.BadParameter("use a .md, .html or .pdf file name", param_hint="--output")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        import tempfile

        from geobrief.report.browser import BrowserError, html_to_pdf

        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "brief.html"
            page.write_text(to_html(result, texts), encoding="utf-8")
            try:
                html_to_pdf(page, path)
            except BrowserError as exc:
                raise click.ClickException(f"cannot write {path}: {exc}") from exc
    else:
        path.write_text(to_html(result, texts) if suffix != ".md" else to_markdown(result), encoding="utf-8")
    click.echo(f"wrote {path}", err=True)
    click.echo("In a nutshell:")
    for line in result.nutshell:
        click.echo(f"  • {line.text}")
    if result.empty:
        click.echo(f"  No events, forecasts, interests or quotes about {result.title} were found.")


def _upper(date: str | None) -> str | None:
    """A partial date as an inclusive upper bound: "2024" → "2024-12-31"."""
    if not date:
        return None
    return date + {4: "-12-31", 7: "-31"}.get(len(date), "")


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def search(query: str, db: str | None, limit: int, fmt: str) -> None:
    """Full-text search: words, "phrases", OR, -exclude, prefix*. Any string is safe."""
    with _open(db) as gb:
        rows = gb.search(query, limit=limit)
    if fmt == "json":
        _emit(rows, fmt, [])
        return
    if not rows:
        click.echo("No match.")
    for r in rows:
        click.echo(f"{r['id'][:12]}  {r['published'] or '????-??-??'}  {r['title'] or r['path']}")
        click.echo(f"    {' '.join(r['snippet'].split())}")


@main.command()
@click.argument("kind")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
def export(kind: str, db: str | None, fmt: str, output: str | None) -> None:
    """Export KIND (documents, actors, mentions) as JSON lines or CSV."""
    from geobrief import export as ex

    if kind not in ex.EXPORTERS:
        raise click.BadParameter(f"unknown kind '{kind}' (known: {', '.join(sorted(ex.EXPORTERS))})")
    with _open(db) as gb:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = ex.write(gb.store, kind, fmt, fh)
            click.echo(f"wrote {n} {kind} to {output}", err=True)
        else:
            ex.write(gb.store, kind, fmt, sys.stdout)


@main.command()
@click.argument("actor_a")
@click.argument("actor_b")
@db_option
@click.option("--by", type=click.Choice(["year", "month"]), default="year", help="Period of each row.")
@click.option("--since", default=None, help=f"Events on or after {DATE_HELP}.")
@click.option("--until", default=None, help=f"Events on or before {DATE_HELP}.")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the series as a self-contained FILE.svg chart.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
def dyad(
    actor_a: str,
    actor_b: str,
    db: str | None,
    by: str,
    since: str | None,
    until: str | None,
    chart: str | None,
    fmt: str,
) -> None:
    """A dyad over time (both directions): events per year or month by quad class, cooperation (quads 1–2),
    conflict (3–4) and summed intensity; `coarse` counts events dated more coarsely than the period."""
    from pathlib import Path

    from geobrief.analysis.series import FIELDS

    if chart and Path(chart).suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter("use a .svg or .png file name", param_hint="--chart")
    with _open(db) as gb:
        rows = gb.series(actor_a, actor_b, by=by, since=since, until=_upper(until))
        labels = [_label(gb, x) for x in (actor_a, actor_b)]
    if chart:
        from geobrief.report.charts import series_svg

        path = Path(chart)
        path.parent.mkdir(parents=True, exist_ok=True)
        svg = series_svg(rows, f"{labels[0]} – {labels[1]}, by {by}")
        if path.suffix.lower() == ".png":
            _svg_to_png(svg, path)
        else:
            path.write_text(svg, encoding="utf-8")
        click.echo(f"wrote {path}", err=True)
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        return
    _emit(rows, fmt, FIELDS)


def _label(gb: Any, name: str) -> str:
    """The stored display name for what the user typed ("PRK" → "North Korea")."""
    ids = gb._state_ids(name) or []
    names = gb.actor_names(ids)
    return next((names[i] for i in ids if i in names), name)


def _svg_to_png(svg: str, path: Any) -> None:
    """Rasterise a chart with headless Chromium (the same renderer as the PDF brief)."""
    import re
    import tempfile
    from pathlib import Path

    from geobrief.report.browser import BrowserError, screenshot

    size = re.search(r'viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"', svg)
    width, height = (int(float(size[1])), int(float(size[2]))) if size else (900, 400)
    page = "<!doctype html><meta charset=utf-8><style>body{margin:0}</style>" + svg
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "chart.html"
        html.write_text(page, encoding="utf-8")
        try:
            screenshot(html, Path(path), width=width, height=height)
        except BrowserError as exc:
            raise click.ClickException(f"cannot write {path}: {exc}") from exc


@main.command()
@click.argument("actor_a")
@click.argument("actor_b")
@db_option
@click.option("--by", type=click.Choice(["doc", "author"]), default="doc", help="One row per document or author.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def sources(actor_a: str, actor_b: str, db: str | None, by: str, fmt: str) -> None:
    """Sources compared on a dyad: events (cooperative/conflictual), tone, stance cues, forecasts, voice.

    Stance scores are cue rates relative to general news (2 = twice as frequent); the cue words found are
    listed so that each figure can be checked against the text. A source's voice is the stance where it
    stands out most from the other sources listed. Disagreements follow the table."""
    with _open(db) as gb:
        rows = gb.sources(actor_a, actor_b, by=by)
        disagreements = gb.disagreements(actor_a, actor_b)
        title = f"{_label(gb, actor_a)} – {_label(gb, actor_b)}"
    if fmt == "json":
        _emit(rows, fmt, [])
        return
    if not rows:
        click.echo(f"No document names both {actor_a} and {actor_b}.")
        return
    click.echo(f"How {len(rows)} source{'s' if len(rows) > 1 else ''} describe {title}\n")
    for r in rows:
        head = r.get("author") or "Unknown author"
        if by == "doc":
            head += f", “{r['title'] or r['doc']}” ({r['published'] or 'undated'}) [{r['doc'][:12]}]"
        else:
            head += f" ({len(r['docs'])} documents)"
        click.echo(head)
        alone = r.get("voice_vs_news")
        note = f" (against news alone: {alone})" if alone != r["voice"] else ""
        click.echo(f"  voice: {r['voice'].upper()}{note}")
        if r["events"]:
            click.echo(
                f"  events: {r['events']} — cooperative {r['cooperation']:.0%}, conflictual {r['conflict']:.0%}, "
                f"mean intensity {r['intensity']:+.1f}"
            )
        else:
            click.echo("  events: none coded")
        tone = "n/a" if r["tone"] is None else f"{r['tone']:+.2f}"
        click.echo(f"  tone of the {r['sentences']} sentences naming both: {tone} (VADER, −1 … +1)")
        for name, score in r["stance"].items():
            cues = ", ".join(r["cues"][name]) or "—"
            click.echo(f"  {name:<13} {score:5.2f}× news  {cues}")
        if r["forecasts"]:
            click.echo(f"  forecasts with a band: {r['forecasts']}, mean probability {r['probability']:.0%}")
        click.echo("")
    click.echo(f"Disagreements: {len(disagreements)}")
    for d in disagreements:
        click.echo(f"  [{d['kind']}] {d['about']}")
        for side in (d["a"], d["b"]):
            click.echo(f"    {side['doc'][:12]}:{side['start']}–{side['end']}  {side['text'][:150]}")


@main.command()
@click.argument("actor_a", required=False)
@click.argument("actor_b", required=False)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def disagreements(actor_a: str | None, actor_b: str | None, db: str | None, fmt: str) -> None:
    """Where sources disagree: opposite forecasts on one proposition, one event told with another year
    or actor."""
    with _open(db) as gb:
        rows = gb.disagreements(actor_a, actor_b)
    _emit(rows, fmt, ["kind", "about", "a", "b"], {"a": 60, "b": 60, "about": 50})


if __name__ == "__main__":
    main()
