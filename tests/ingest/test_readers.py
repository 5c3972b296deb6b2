"""Readers and bad input: every failure is one line naming the file; the batch goes on."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

import geobrief
from geobrief.ingest.readers import Article, Failure, Source, discover, markdown_to_text, read_source

ARTICLE = (
    "Seoul and Tokyo agree to resume security talks\n\n"
    "South Korea and Japan agreed on Tuesday to resume a security dialogue suspended for years, "
    "officials in Seoul said, after a meeting of their foreign ministers in Tokyo.\n\n"
    "The ministers also discussed North Korea's missile launches and the war in Ukraine, "
    "according to a statement released after the talks.\n"
)


def read_one(path: Path, **kw: int) -> list[Article | Failure]:
    return list(read_source(Source(str(path), path), **kw))


def test_txt_reader(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    [art] = read_one(p)
    assert isinstance(art, Article)
    assert "resume a security dialogue" in art.extracted.text


def test_gzip_and_markdown_front_matter(tmp_path: Path) -> None:
    md = "---\ntitle: Talks resume\nauthor: Jane Roe\npublished: 2023-03-16\nurl: https://example.org/x\n---\n"
    md += "# Talks resume\n\n" + ARTICLE.split("\n\n", 1)[1].replace("Seoul", "**Seoul**")
    p = tmp_path / "a.md.gz"
    p.write_bytes(gzip.compress(md.encode()))
    [art] = read_one(p)
    assert isinstance(art, Article), art
    ex = art.extracted
    assert (ex.title, ex.author, ex.published, ex.url) == (
        "Talks resume",
        "Jane Roe",
        "2023-03-16",
        "https://example.org/x",
    )
    assert ex.published_inferred is False
    assert "**" not in ex.text and "officials in Seoul said" in ex.text


def test_markdown_to_text_strips_syntax() -> None:
    out = markdown_to_text("## Head\n\nSee [the report](http://x.y) and ![img](a.png) *now*.\n\n- one\n```\ncode\n```")
    assert "Head" in out and "See the report and  now." in out and "code" not in out and "• one" in out


def test_jsonl_reader_reports_bad_lines_with_numbers(tmp_path: Path) -> None:
    good = {"text": ARTICLE, "title": "T1", "author": "A. B.", "published": "2024-06-19", "url": "u"}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(good | {"text": ARTICLE + "x"}),
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(lines))
    out = read_one(p)
    arts = [o for o in out if isinstance(o, Article)]
    fails = [o for o in out if isinstance(o, Failure)]
    assert [a.line for a in arts] == [1, 4]
    assert arts[0].extracted.title == "T1" and arts[0].extracted.published == "2024-06-19"
    assert [f.line for f in fails] == [2, 3]
    assert str(fails[0]).startswith(f"{p}:2: malformed JSON")


@pytest.mark.parametrize(
    ("name", "payload", "expect"),
    [
        ("bin.txt", bytes(range(256)) * 40, "binary"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n ", "empty file"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "unsupported file type"),
        ("bad.pdf", b"%PDF-1.4\nthis is not really a pdf", "PDF"),
        ("bad.html.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip"),
    ],
)
def test_bad_files_fail_with_one_line(tmp_path: Path, name: str, payload: bytes, expect: str) -> None:
    p = tmp_path / name
    p.write_bytes(payload)
    [f] = read_one(p)
    assert isinstance(f, Failure)
    assert expect.lower() in f.message.lower()
    assert "\n" not in str(f) and str(f).startswith(str(p))


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes(("Café diplomacy in Genève: " + ARTICLE).encode("cp1252"))
    [art] = read_one(p)
    assert isinstance(art, Article)
    assert "Café diplomacy in Genève" in (art.extracted.title or "") + art.extracted.text


def test_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # a sparse 100 MB file: the limit is checked before reading
        fh.truncate(100 * 1024 * 1024)
    [f] = read_one(p, max_bytes=10 * 1024 * 1024)
    assert isinstance(f, Failure) and "too large" in f.message and "100.0 MB" in f.message


def test_discover_dirs_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "_private").mkdir()
    for rel in ("a.txt", "sub/b.html", "_private/c.txt", ".hidden.txt"):
        (tmp_path / rel).write_text("x")
    found = list(discover([str(tmp_path), str(tmp_path / "*.txt"), str(tmp_path / "nope.txt")]))
    labels = [s.label for s in found if isinstance(s, Source)]
    assert labels == [str(tmp_path / "a.txt"), str(tmp_path / "sub/b.html"), str(tmp_path / "a.txt")]
    assert isinstance(found[-1], Failure) and "no such file" in found[-1].message


def _integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_bad_batch_keeps_store_intact(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    first = tmp_path / "first.txt"
    first.write_text(ARTICLE)
    with geobrief.open(db) as gb:
        assert gb.ingest([str(first)]).new == 1
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a.txt").write_text(ARTICLE.replace("Tuesday", "Wednesday"))
    (batch / "b.bin.txt").write_bytes(b"\x00\x01\x02" * 1000)
    (batch / "c.txt").write_bytes(b"")
    (batch / "d.jsonl").write_text('{"text": "broken\n')
    (batch / "e.html").write_text("<html><body><div><p>Unclosed <b>tags " + ARTICLE.replace("\n", " ") + "<table><tr>")
    (batch / "f.txt").write_bytes(b"\xff\xfe\xfa garbage \x00\x00")
    (batch / "z.txt").write_text(ARTICLE.replace("Tokyo", "Osaka").replace("Tuesday", "Friday"))
    errors: list[str] = []
    with geobrief.open(db) as gb:
        report = gb.ingest([str(batch)], on_error=errors.append)
        titles = {d["path"] for d in gb.docs()}
    assert report.failed == 4, errors
    assert all("\n" not in e and str(batch) in e for e in errors)
    assert any("d.jsonl:1" in e for e in errors)
    assert {str(first), str(batch / "a.txt"), str(batch / "e.html"), str(batch / "z.txt")} <= titles
    assert _integrity(db) == "ok"


def test_file_deleted_mid_batch(tmp_path: Path) -> None:
    files = []
    for i, topic in enumerate(
        [
            "fisheries quotas in the Sea of Japan",
            "a tunnel under the Korea Strait",
            "visa rules for students and seasonal workers",
        ]
    ):
        p = tmp_path / f"{i}.txt"
        p.write_text(
            f"Talks on {topic}\n\nNegotiators met in Busan on Monday to discuss {topic}. "
            f"Officials said a second round on {topic} would follow in the autumn.\n"
        )
        files.append(p)

    def progress(total: int):  # after the first file is read, the last one disappears
        def tick(n: int) -> None:
            if files[2].exists():
                files[2].unlink()

        return tick

    errors: list[str] = []
    with geobrief.open(tmp_path / "g.db") as gb:
        report = gb.ingest([str(p) for p in files], on_error=errors.append, progress_factory=progress)
        assert report.new == 2 and report.failed == 1
        assert "2.txt" in errors[0] and "not found" in errors[0]
        assert len(gb.docs()) == 2
