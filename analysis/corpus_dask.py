"""``extract-corpus --engine dask --scheduler ADDRESS``: the same corpus, on a Dask cluster.

Why Dask: a corpus that outgrows one machine. The per-article function
(:func:`analysis.corpus.extract_frames`) is pure, so it maps over a Dask bag unchanged; articles
travel to the workers by value (text and metadata bytes), frames travel back, and this process
writes them in the same Parquet layout as the local engine (workers need the ``analysis``
package installed, not the source or output folders). The source is sent in chunks, each a bag
whose partitions are gathered as they finish, so memory here stays bounded by one chunk.

Needs the optional extra ``pip install '.[dask]'`` (dask and distributed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from analysis.corpus import ArticleInput, Engine, extract_frames, write_result


def _extract_partition(items: list[ArticleInput]) -> list:
    return [extract_frames(item) for item in items]


def engine(
    scheduler: str | None, client: object | None = None, chunk_per_thread: int = 4
) -> Engine:
    """An engine on the scheduler at ``scheduler`` (or on an existing ``client``).

    Each chunk holds ``chunk_per_thread`` articles per worker thread, one article per partition,
    so the scheduler balances articles of unequal length across the workers.
    """
    import dask.bag as db
    from distributed import Client, as_completed

    owned = client is None
    if owned:
        client = Client(scheduler, timeout="10s")

    def run(items: Iterable[ArticleInput], out: Path) -> Iterator[dict]:
        try:
            threads = max(1, sum(client.nthreads().values()))
            iterator = iter(items)
            while chunk := list(islice(iterator, chunk_per_thread * threads)):
                bag = db.from_sequence(chunk, npartitions=len(chunk))
                partitions = bag.map_partitions(_extract_partition).to_delayed()
                for future in as_completed(client.compute(partitions)):
                    for result in future.result():
                        yield write_result(out, result)
                    future.release()
        finally:
            if owned:
                client.close()

    return run
