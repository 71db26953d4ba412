"""Durable answers per second: the store's group commit against one commit per answer.

Both sides use the same schema, `synchronous=FULL` and WAL, and store complete responses
(three areas and a comment); the only difference is how commits are shared.

    python bench/store_bench.py [--count 5000] [--submitters 64]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from pathlib import Path

from campaigns import SAMPLE_DIR
from storage import Store, open_database
from storage.campaigns import register_campaigns
from storage.connection import immediate
from storage.responses import save_response
from survey import Response, load_campaigns

AREAS = ("violence-public", "unsafe-places", "traffic")


def answers(count: int) -> list[Response]:
    return [
        Response(
            id=str(uuid.uuid4()),
            campaign="demo",
            channel="kiosk",
            locale="sv",
            areas=AREAS,
            source="mitt-i-city",
            comment=f"Mer belysning vid busshållplatsen, nummer {n}.",
        )
        for n in range(count)
    ]


def naive(path: Path, batch: list[Response]) -> float:
    """One transaction and one fsync per answer, on one connection."""
    db = open_database(path)
    register_campaigns(db, list(load_campaigns(SAMPLE_DIR).values()))
    start = time.perf_counter()
    for response in batch:
        with immediate(db):
            save_response(db, response)
    elapsed = time.perf_counter() - start
    db.conn.close()
    return len(batch) / elapsed


async def grouped(path: Path, batch: list[Response], submitters: int) -> float:
    """The store's async API with `submitters` concurrent callers."""
    store = Store(path)
    await store.register_campaigns(list(load_campaigns(SAMPLE_DIR).values()))
    pending = iter(batch)

    async def submitter() -> None:
        for response in pending:
            await store.save_response(response)

    start = time.perf_counter()
    await asyncio.gather(*(submitter() for _ in range(submitters)))
    elapsed = time.perf_counter() - start
    store.close()
    return len(batch) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="answers per side")
    parser.add_argument("--submitters", type=int, default=64, help="concurrent submitters")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        baseline = naive(Path(tmp) / "naive.db", answers(args.count))
        ours = asyncio.run(grouped(Path(tmp) / "store.db", answers(args.count), args.submitters))
    print(f"answers stored per side:            {args.count}")
    print(f"naive, one commit per answer (FULL): {baseline:10.0f} answers/s")
    print(f"store, group commit, {args.submitters} submitters: {ours:10.0f} answers/s")
    print(f"ratio:                               {ours / baseline:10.1f}x")


if __name__ == "__main__":
    main()
