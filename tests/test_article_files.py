"""Reading article files: the five seeds load with honest metadata, and every kind of
broken file is reported as "path:line: reason" so an operator can fix it."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from bot.corpus.articles import ArticleError, find_article_files, parse_article_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"
# The region ids fixed by the design.
REGION_IDS = frozenset(
    [
        "abai",
        "akmola",
        "aktobe",
        "almaty",
        "atyrau",
        "east_kazakhstan",
        "zhambyl",
        "zhetisu",
        "west_kazakhstan",
        "karaganda",
        "kostanay",
        "kyzylorda",
        "mangystau",
        "pavlodar",
        "north_kazakhstan",
        "turkistan",
        "ulytau",
        "astana",
        "almaty_city",
        "shymkent",
        "kazakhstan",
    ]
)
GOOD_FRONT = '---\ntitle: "Форум өтті"\nregion: zhambyl\nsource: "BAQ.KZ"\n---\n'


def write(tmp_path: Path, content: str | bytes, name: str = "article.md") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_for(path: Path) -> ArticleError:
    with pytest.raises(ArticleError) as caught:
        parse_article_file(path, REGION_IDS)
    return caught.value


# --- the seeds -------------------------------------------------------------------------


def test_all_five_seeds_load_with_their_front_matter() -> None:
    files = find_article_files([SEEDS])
    articles = {a.article_id: a for a in (parse_article_file(p, REGION_IDS) for p in files)}

    assert sorted(articles) == [p.stem for p in sorted(SEEDS.glob("*.md"))]
    assert len(articles) == 5
    baq = articles["003_a0f17db273de0d86"]
    assert (baq.source, baq.date, baq.region) == ("BAQ.KZ", dt.date(2025, 11, 28), "kazakhstan")
    arainfo = articles["004_e19c35e1f1bb1b3d"]
    assert (arainfo.source, arainfo.author) == ("Arainfo.kz", "Қамар Қарасаева")
    assert articles["001_1407b45d6db5483e"].region == "almaty"
    assert articles["001_1407b45d6db5483e"].date is None  # the page shows only a clock


def test_seed_body_line_points_at_the_first_line_of_text() -> None:
    for path in sorted(SEEDS.glob("*.md")):
        article = parse_article_file(path, REGION_IDS)
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[article.body_line - 1] == article.body.split("\n")[0]
        assert lines[article.body_line - 2] == "---"


def test_checksum_is_sha256_of_the_file_bytes() -> None:
    path = sorted(SEEDS.glob("*.md"))[0]
    article = parse_article_file(path, REGION_IDS)
    assert article.checksum == hashlib.sha256(path.read_bytes()).hexdigest()


# --- broken files --------------------------------------------------------------------------


def test_bad_yaml_names_the_line_inside_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '---\ntitle: "A"\nregion: zhambyl\nsource: a: b\n---\ntext\n')
    err = error_for(path)
    assert err.line == 4
    # libyaml says "... not allowed in this context", pure-Python PyYAML "... allowed here".
    assert str(err).startswith(f"{path}:4: bad YAML front matter: mapping values are not allowed")


def test_unclosed_quote_names_the_line_where_it_opens(tmp_path: Path) -> None:
    path = write(tmp_path, '---\ntitle: "A\nregion: zhambyl\nsource: x\n---\ntext\n')
    err = error_for(path)
    assert err.line == 2
    assert "quoted scalar" in err.reason


def test_unknown_region_names_the_region_line(tmp_path: Path) -> None:
    path = write(tmp_path, "---\ntitle: A\nsource: x\nregion: xyz\n---\ntext\n")
    assert str(error_for(path)) == f"{path}:4: unknown region 'xyz'"


def test_missing_title(tmp_path: Path) -> None:
    path = write(tmp_path, "---\nregion: zhambyl\nsource: x\n---\ntext\n")
    assert str(error_for(path)) == f"{path}:1: missing title in the front matter"


def test_empty_title_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '---\nregion: zhambyl\ntitle: "  "\nsource: x\n---\ntext\n')
    assert str(error_for(path)) == f"{path}:3: title must be non-empty text"


def test_missing_source(tmp_path: Path) -> None:
    path = write(tmp_path, "---\ntitle: A\nregion: zhambyl\n---\ntext\n")
    assert error_for(path).reason == "missing source in the front matter"


def test_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_FRONT.encode() + "бір жол\n".encode() + b"\xd0 \xff\n")
    assert str(error_for(path)) == f"{path}:7: not UTF-8 text"


def test_cp1251_file_is_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, (GOOD_FRONT + "Бүгін форум өтті.\n").encode("cp1251", "replace"))
    assert error_for(path).reason == "not UTF-8 text"


def test_empty_text_names_where_the_text_should_start(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_FRONT + " \n\u00a0\n\n")
    assert str(error_for(path)) == f"{path}:6: empty article text"


def test_no_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "Бүгін форум өтті.\n")
    err = error_for(path)
    assert err.line == 1
    assert "front matter" in err.reason


def test_front_matter_never_closed(tmp_path: Path) -> None:
    path = write(tmp_path, "---\ntitle: A\nregion: zhambyl\nsource: x\ntext\n")
    assert error_for(path).reason == "front matter is not closed by a '---' line"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025-13-45", "bad date '2025-13-45': month must be in 1..12"),
        ('"28.11.2025"', "bad date '28.11.2025': expected YYYY-MM-DD"),
    ],
)
def test_bad_date_names_its_line(tmp_path: Path, value: str, reason: str) -> None:
    path = write(tmp_path, f"---\ntitle: A\nregion: zhambyl\nsource: x\ndate: {value}\n---\nt\n")
    err = error_for(path)
    assert (err.line, err.reason) == (5, reason)


def test_missing_file_is_an_article_error_without_line(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    err = error_for(path)
    assert err.line is None
    assert str(err) == f"{path}: cannot read file: No such file or directory"


# --- good files ------------------------------------------------------------------------------


def test_optional_fields_and_crlf_line_endings(tmp_path: Path) -> None:
    text = (
        "---\r\ntitle: '  Форум  '\r\nregion: zhambyl\r\nsource: BAQ.KZ\r\ndate: 2025-11-28\r\n"
        "url: https://example.kz/a\r\nauthor: ''\r\nsummary: Қысқаша.\r\n---\r\nМәтін.\r\n"
    )
    article = parse_article_file(write(tmp_path, text, "007_x.md"), REGION_IDS)
    assert article.article_id == "007_x"
    assert article.title == "Форум"
    assert article.date == dt.date(2025, 11, 28)
    assert article.url == "https://example.kz/a"
    assert article.author is None  # empty means not given
    assert article.summary == "Қысқаша."
    assert article.body.strip() == "Мәтін."
    assert article.body_line == 10


def test_quoted_iso_date_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, '---\ntitle: A\nregion: zhambyl\nsource: x\ndate: "2024-11-23"\n---\nt')
    assert parse_article_file(path, REGION_IDS).date == dt.date(2024, 11, 23)


# --- finding files ---------------------------------------------------------------------------


def test_find_article_files_recurses_sorts_and_deduplicates(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("b/deep/2.md", "a.md", "b/1.md", ".hidden/x.md", "b/README.md", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    explicit = tmp_path / "notes.txt"  # a file named explicitly is taken as given

    found = find_article_files([tmp_path, tmp_path / "a.md", explicit, tmp_path / "b"])

    assert found == sorted(found)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in found) == [
        "a.md",
        "b/1.md",
        "b/deep/2.md",
        "notes.txt",
    ]


def test_find_article_files_keeps_missing_paths_for_the_error_report(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    assert find_article_files([missing]) == [missing]
