"""extract-corpus: Parquet per frame, a manifest, failures recorded, resume, engines that agree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import corpus
from analysis.article import load_article
from analysis.cli import main
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.pipeline import FRAMES, extract_all

# three shipped articles: the seed and two others, enough for several files per frame
CHOSEN = [SEED_ARTICLE, *sorted(p for p in ARTICLES_DIR.glob("voa-*.txt"))[:2]]


def copy_articles(folder: Path, paths=CHOSEN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, folder / path.name)
        shutil.copy(path.with_suffix(".yml"), folder / path.with_suffix(".yml").name)
    return folder


def plain(frame: pd.DataFrame) -> list[dict]:
    """Rows with missing values as None, so CSV-era and Parquet-era dtypes compare equal."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def frames_of(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / name) for name in FRAMES}


@pytest.fixture(scope="module")
def done(tmp_path_factory) -> tuple[Path, Path, corpus.Summary]:
    source = copy_articles(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("out") / "corpus"
    summary = corpus.run(source, out, corpus.local_engine(1), progress=False)
    return source, out, summary


def test_every_frame_is_written_per_article_and_equals_the_single_article_frames(done):
    _, out, summary = done
    assert (summary.articles, summary.extracted, summary.failed) == (3, 3, 0)
    stacked = frames_of(out)
    for path in CHOSEN:
        expected = extract_all(load_article(path))
        for name, frame in expected.items():
            got = stacked[name]
            assert list(got.columns) == ["article_id", *frame.columns]
            mine = got[got["article_id"] == path.stem].drop(columns="article_id")
            assert plain(mine) == plain(frame), (path.stem, name)
    assert len(stacked["sentences"]) > 40


def test_the_manifest_lists_every_article_with_its_words_and_hash(done):
    _, out, _ = done
    manifest = corpus.read_manifest(out)
    assert manifest["article_id"].tolist() == sorted(p.stem for p in CHOSEN)
    assert set(manifest["status"]) == {"ok"}
    assert set(manifest["error"]) == {""}
    words = {p.stem: len(load_article(p).text.split()) for p in CHOSEN}
    assert dict(zip(manifest["article_id"], manifest["words"], strict=True)) == words
    assert manifest["content_hash"].str.fullmatch("[0-9a-f]{64}").all()
    assert (manifest["seconds"] > 0).all()
    seed = manifest.set_index("article_id").loc[SEED_ARTICLE.stem]
    assert seed["published"] == load_article(SEED_ARTICLE).published.isoformat()
    assert json.loads(seed["metadata"])["title"] == load_article(SEED_ARTICLE).title
    assert not (out / corpus.LOG).exists()


def test_duckdb_reads_the_folder_in_one_line(done):
    duckdb = pytest.importorskip("duckdb")
    _, out, _ = done
    meetings = pd.read_parquet(out / "meetings")
    count = duckdb.sql(f"SELECT count(*) FROM '{out}/meetings/*.parquet'").fetchall()[0][0]
    assert count == len(meetings) > 0
    per_article = duckdb.sql(
        f"SELECT article_id, count(*) AS n FROM '{out}/meetings/*.parquet' GROUP BY 1 ORDER BY 1"
    ).df()
    assert per_article["n"].tolist() == meetings.groupby("article_id").size().tolist()


def test_a_bad_article_is_recorded_and_skipped_and_the_exit_code_says_so(tmp_path, capsys):
    source = copy_articles(tmp_path / "src", CHOSEN[:1])
    (source / "broken.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    (source / "undated.txt").write_text("Officials met on Monday.\n")
    out = tmp_path / "out"
    assert main(["extract-corpus", str(source), "--out", str(out), "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("3 articles: 1 extracted, 0 already done, 2 failed")
    assert "Traceback" not in captured.err
    manifest = corpus.read_manifest(out).set_index("article_id")
    assert manifest.loc["broken", "status"] == "failed"
    assert "UTF-16" in manifest.loc["broken", "error"]
    assert "no publication date" in manifest.loc["undated", "error"]
    assert "\n" not in "".join(manifest["error"])
    assert set(pd.read_parquet(out / "sentences")["article_id"]) == {SEED_ARTICLE.stem}
    # --undated keeps the article without a date
    assert main(["extract-corpus", str(source), "--out", str(out), "--undated", "--jobs", "1"]) == 1
    manifest = corpus.read_manifest(out).set_index("article_id")
    assert manifest.loc["undated", "status"] == "ok"


def test_a_jsonl_source_with_metadata_bad_lines_and_duplicate_ids(tmp_path):
    seed = load_article(SEED_ARTICLE)
    lines = [
        json.dumps({"id": "a1", "text": seed.text, **seed.metadata}),  # title, caption...
        "{not json",
        json.dumps({"id": "a1", "text": "Officials met on Monday.", "published": "2021-05-04"}),
        json.dumps({"id": "a2", "text": "Officials met on Monday.", "published": "2021-05-04"}),
        json.dumps({"id": "../escape", "text": "x", "published": "2021-05-04"}),
        json.dumps({"text": "no id"}),
    ]
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    bystander = tmp_path / "out" / "escape.parquet"  # what "../escape" would point at
    bystander.write_bytes(b"not ours")
    summary = corpus.run(source, tmp_path / "out", corpus.local_engine(1), progress=False)
    assert bystander.read_bytes() == b"not ours"
    manifest = corpus.read_manifest(tmp_path / "out").set_index("article_id")
    assert (summary.extracted, summary.failed, summary.exit_code) == (2, 4, 1)
    assert manifest.loc["a1", "published"] == seed.published.isoformat()
    assert json.loads(manifest.loc["a1", "metadata"])["title"] == seed.title
    assert "not JSON" in manifest.loc["line-2", "error"]
    assert "duplicate id 'a1'" in manifest.loc["a1@corpus.jsonl line 3", "error"]
    assert "cannot name a file" in manifest.loc["../escape", "error"]
    assert "id and text" in manifest.loc["line-6", "error"]
    events = pd.read_parquet(tmp_path / "out" / "events")
    assert events[events["article_id"] == "a2"]["date"].tolist() == ["2021-05-03"]
    # the seed given as JSON Lines gives the same frames as the seed file
    meetings = pd.read_parquet(tmp_path / "out" / "meetings")
    mine = meetings[meetings["article_id"] == "a1"].drop(columns="article_id")
    assert plain(mine) == plain(extract_all(seed)["meetings"])


def test_published_csv_gives_the_dates_of_a_folder_without_metadata(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "one.txt").write_text("Officials met on Monday.\n")
    (source / "published.csv").write_text("id,published\none,2021-05-04\n")
    summary = corpus.run(source, tmp_path / "out", corpus.local_engine(1), progress=False)
    assert summary.exit_code == 0
    events = pd.read_parquet(tmp_path / "out" / "events")
    assert events["date"].tolist() == ["2021-05-03"]


def test_rerunning_skips_what_is_done_redoes_what_changed_and_force_redoes_all(tmp_path):
    source = copy_articles(tmp_path / "src")
    out = tmp_path / "out"
    first = corpus.run(source, out, corpus.local_engine(1), progress=False)
    seed_file = out / "meetings" / f"{SEED_ARTICLE.stem}.parquet"
    stamp = seed_file.stat().st_mtime_ns
    again = corpus.run(source, out, corpus.local_engine(1), progress=False)
    assert (first.extracted, again.extracted, again.skipped) == (3, 0, 3)
    assert seed_file.stat().st_mtime_ns == stamp
    changed = source / CHOSEN[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOfficials met on Monday.\n")
    third = corpus.run(source, out, corpus.local_engine(1), progress=False)
    assert (third.extracted, third.skipped) == (1, 2)
    forced = corpus.run(source, out, corpus.local_engine(1), force=True, progress=False)
    assert (forced.extracted, forced.skipped) == (3, 0)
    # an article removed from the source leaves the manifest and the frame folders
    changed.unlink()
    fourth = corpus.run(source, out, corpus.local_engine(1), progress=False)
    assert fourth.articles == 2
    assert CHOSEN[1].stem not in set(pd.read_parquet(out / "sentences")["article_id"])


def test_a_run_killed_half_way_leaves_no_half_written_file_and_resumes(tmp_path):
    source = copy_articles(tmp_path / "src")
    out = tmp_path / "out"
    real = corpus.local_engine(1)

    def dies_after_one(items, out_dir):
        for number, row in enumerate(real(items, out_dir)):
            yield row
            if number == 0:
                raise KeyboardInterrupt  # as if the process were killed after one article

    with pytest.raises(KeyboardInterrupt):
        corpus.run(source, out, dies_after_one, progress=False)
    assert not (out / corpus.MANIFEST).exists()
    assert len((out / corpus.LOG).read_text().splitlines()) == 1
    # what a kill during a write leaves: a hidden temporary file and a cut log line
    (out / "meetings" / f".{CHOSEN[2].stem}.parquet.tmp").write_bytes(b"PAR1 half")
    with open(out / corpus.LOG, "a") as log:
        log.write('{"article_id": "cut sho')
    resumed = corpus.run(source, out, corpus.local_engine(1), progress=False)
    assert (resumed.skipped, resumed.extracted, resumed.failed) == (1, 2, 0)
    assert not list(out.glob("**/.*.tmp"))
    for name in FRAMES:
        for path in (out / name).glob("*.parquet"):
            pq.read_table(path)  # every file is whole
    assert sorted(pd.read_parquet(out / "sentences")["article_id"].unique()) == sorted(
        p.stem for p in CHOSEN
    )


def test_two_processes_give_the_same_output_as_one(done, tmp_path, capsys):
    source, out, _ = done
    code = main(["extract-corpus", str(source), "--out", str(tmp_path / "two"), "--jobs", "2"])
    assert code == 0
    assert capsys.readouterr().out.count("\n") == 1  # not a terminal: one summary line, no bar
    one, two = frames_of(out), frames_of(tmp_path / "two")
    for name in FRAMES:
        assert plain(one[name]) == plain(two[name]), name
    columns = ["article_id", "status", "error", "words", "content_hash", "published", "metadata"]
    assert plain(corpus.read_manifest(out)[columns]) == plain(
        corpus.read_manifest(tmp_path / "two")[columns]
    )


def test_the_pool_keeps_a_bounded_number_of_articles_in_flight(tmp_path):
    consumed = []

    def items():
        for number in range(40):
            consumed.append(number)
            yield corpus.ArticleInput(f"a{number}", "test", problem="known bad")

    ahead = []
    for done_count, _ in enumerate(corpus.local_engine(2)(items(), tmp_path), start=1):
        ahead.append(len(consumed) - done_count)
    assert len(ahead) == 40
    assert max(ahead) <= 4 * 2


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["nowhere"], "no such file or folder"),
        (["{source}", "--jobs", "0"], "--jobs 0"),
        (["{source}", "--scheduler", "tcp://127.0.0.1:1"], "--engine dask"),
        (["{source}", "--engine", "dask"], "needs --scheduler"),
        (["{file}"], "must be a folder of .txt articles or a .jsonl file"),
    ],
)
def test_bad_invocation_gives_one_line_and_exit_2(tmp_path, capsys, args, problem):
    source = copy_articles(tmp_path / "src", CHOSEN[:1])
    a_file = tmp_path / "notes.csv"
    a_file.write_text("x\n")
    argv = [a.format(source=source, file=a_file) for a in args]
    assert main(["extract-corpus", *argv, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and problem in err and "\n" not in err
    assert not (tmp_path / "out" / corpus.MANIFEST).exists()


def test_dask_engine_on_a_local_cluster_gives_the_same_output(done, tmp_path):
    distributed = pytest.importorskip("distributed")
    source, out, _ = done
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = corpus.run(
            source, tmp_path / "dask", corpus.dask_engine(None, client), progress=False
        )
        # the command line path: its own client on the scheduler's address
        code = main(
            [
                "extract-corpus", str(source), "--out", str(tmp_path / "cli"),
                "--engine", "dask", "--scheduler", cluster.scheduler_address,
            ]
        )
    assert (summary.extracted, code) == (3, 0)
    one = frames_of(out)
    for folder in (tmp_path / "dask", tmp_path / "cli"):
        other = frames_of(folder)
        for name in FRAMES:
            assert plain(one[name]) == plain(other[name]), (folder.name, name)


def test_a_changed_pipeline_redoes_articles_done_by_the_old_one(tmp_path, monkeypatch):
    source = copy_articles(tmp_path / "src", CHOSEN[:2])
    out = tmp_path / "out"
    corpus.run(source, out, corpus.local_engine(1), progress=False)
    fingerprint = corpus.read_manifest(out)["pipeline"].unique().tolist()
    assert fingerprint == [corpus.pipeline_fingerprint()]
    monkeypatch.setattr(corpus, "pipeline_fingerprint", lambda: "a newer rule set")
    again = corpus.run(source, out, corpus.local_engine(1), progress=False)
    assert (again.extracted, again.skipped) == (2, 0)


def test_the_bench_corpus_is_many_different_dated_articles_and_reproducible(tmp_path):
    from analysis import corpus_bench

    first = corpus_bench.build(tmp_path / "a", articles=20, seed=3)
    again = corpus_bench.build(tmp_path / "b", articles=20, seed=3)
    other = corpus_bench.build(tmp_path / "c", articles=20, seed=4)
    texts = [p.read_text(encoding="utf-8") for p in sorted(first.glob("*.txt"))]
    assert len(texts) == len(set(texts)) == 20
    shipped = {p.read_text(encoding="utf-8") for p in ARTICLES_DIR.glob("*.txt")}
    assert not shipped & set(texts)
    assert texts == [p.read_text(encoding="utf-8") for p in sorted(again.glob("*.txt"))]
    assert texts != [p.read_text(encoding="utf-8") for p in sorted(other.glob("*.txt"))]
    words = [len(t.split()) for t in texts]
    assert min(words) >= 60 and sum(words) / len(words) >= 200  # article-sized
    assert all(load_article(p).published for p in sorted(first.glob("*.txt"))[:3])


def test_the_corpus_bench_measures_each_jobs_setting_in_its_own_process(tmp_path):
    from analysis import corpus_bench

    bench = corpus_bench.build(tmp_path / "bench", articles=3, seed=0)
    table = corpus_bench.measure(bench, jobs=(1, 2), rounds=2)
    assert table["jobs"].tolist() == [1, 2]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in bench.glob("*.txt"))
    assert table["words"].tolist() == [words, words]
    assert (table["words_per_second_wall"] > 0).all()
    assert (table["peak_rss_mb_largest_process"] > 10).all()  # a Python process with pandas
    assert (table["peak_pss_mb_all_processes"] > 10).all()  # from the runs of its own
    assert (table["cpu_seconds"] > 0).all()
    assert table["speedup_wall"].iloc[0] == 1.0
    # the table gives each setting's median over the interleaved rounds
    rounds = table.attrs["rounds"]
    assert rounds[["round", "jobs"]].values.tolist() == [[1, 1], [1, 2], [2, 1], [2, 2]]
    for jobs, row in table.set_index("jobs").iterrows():
        walls = rounds.loc[rounds["jobs"] == jobs, "wall_seconds"]
        assert row["wall_seconds"] == pytest.approx(walls.median())
    two = table.iloc[1]
    assert two["speedup_wall"] == pytest.approx(table["wall_seconds"].iloc[0] / two["wall_seconds"])
    assert two["target_speedup_met"] == (two["speedup_wall"] >= 1.8)
    assert two["parallel_efficiency"] == pytest.approx(
        two["cpu_seconds"] / (2 * two["wall_seconds"])
    )


def test_the_ceiling_times_a_cpu_bound_loop_over_the_processes():
    from analysis import corpus_bench

    assert corpus_bench._spin(5) == sum(step * step % 7 for step in range(5))
    assert corpus_bench.ceiling(2, tasks=2, steps=1000) > 0


def test_the_log_syncs_the_frame_files_before_the_rows_that_name_them(tmp_path, monkeypatch):
    log_path = tmp_path / corpus.LOG
    seen_at_sync = []
    monkeypatch.setattr(corpus.os, "sync", lambda: seen_at_sync.append(log_path.read_text()))
    log = corpus._Log(log_path, seconds=3600, rows=2)
    log.add({"article_id": "a"})
    assert log_path.read_text() == "" and seen_at_sync == []  # waiting for its batch
    log.add({"article_id": "b"})  # the batch is full: files synced, then both rows written
    assert seen_at_sync == [""]
    assert [json.loads(line)["article_id"] for line in log_path.read_text().splitlines()] == [
        "a", "b"
    ]
    log.add({"article_id": "c"})
    log.close()  # closing flushes what waits
    assert len(seen_at_sync) == 2 and log_path.read_text().count("\n") == 3
    timed = corpus._Log(tmp_path / "timed.jsonl", seconds=0, rows=1000)
    timed.add({"article_id": "d"})  # its time is up at once
    assert (tmp_path / "timed.jsonl").read_text().count("\n") == 1
    timed.close()


def test_an_article_whose_files_cannot_be_written_is_failed_and_leaves_no_files(
    tmp_path, monkeypatch
):
    source = copy_articles(tmp_path / "src", CHOSEN[:1])
    real = corpus._atomic_write_table
    written = []

    def disk_full_on_the_third(table, path, sync=True):
        written.append(path)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        real(table, path, sync)

    monkeypatch.setattr(corpus, "_atomic_write_table", disk_full_on_the_third)
    summary = corpus.run(source, tmp_path / "out", corpus.local_engine(1), progress=False)
    assert summary.exit_code == 1
    error = corpus.read_manifest(tmp_path / "out")["error"].iloc[0]
    assert error.startswith("cannot write frames") and "No space left" in error
    assert not list((tmp_path / "out").glob("*/*.parquet"))


def reference_table(frame_name: str, frame: pd.DataFrame, article_id: str):
    """The plain route: pyarrow's pandas conversion of the frame with ``article_id`` first."""
    import pyarrow as pa

    from analysis.datapackage import arrow_schema

    schema = pa.schema([pa.field("article_id", pa.string()), *arrow_schema(frame_name, frame)])
    frame = frame.reset_index(drop=True)
    frame.insert(0, "article_id", article_id)
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def test_a_frame_file_is_the_table_pyarrow_makes_of_the_frame_metadata_included():
    """Column by column, with the schema worked out once per name and dtypes, and still the
    same table as pyarrow's pandas conversion: types, values, nulls and the pandas metadata
    that brings nullable integers back as Int64."""
    checked = 0
    for path in ARTICLES_DIR.glob("*.txt"):
        for name, frame in extract_all(load_article(path)).items():
            for variant in (frame, frame.iloc[:0], frame.iloc[::-1]):  # empty, unordered index
                got = corpus.frame_table(name, variant, path.stem)
                assert got.equals(reference_table(name, variant, path.stem), check_metadata=True)
                checked += 1
    nullable = pd.DataFrame({"figure_id": ["f1", None], "low": pd.array([3, None], dtype="Int64")})
    got = corpus.frame_table("figures", nullable, "x")
    assert got.equals(reference_table("figures", nullable, "x"), check_metadata=True)
    assert got.column("low").null_count == 1
    assert got.to_pandas()["low"].dtype == "Int64"
    assert checked > 100
