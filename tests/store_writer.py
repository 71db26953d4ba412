"""A separate process that stores answers through the store's async API and prints each id
once it is acknowledged (for the two-process and SIGKILL tests)."""

from __future__ import annotations

import asyncio
import sys
import uuid

from campaigns import SAMPLE_DIR
from storage import Store
from survey import Response, load_campaigns

AREAS = ("violence-public", "unsafe-places", "traffic")


async def write(path: str, count: int, tag: str, concurrency: int = 16) -> None:
    store = Store(path)
    await store.register_campaigns(list(load_campaigns(SAMPLE_DIR).values()))
    queue = iter(range(count))

    async def submitter() -> None:
        for n in queue:
            response = Response(
                id=str(uuid.uuid4()),
                campaign="demo",
                channel="kiosk",
                locale="sv",
                areas=AREAS,
                comment=f"{tag} {n}",
                source=tag,
            )
            await store.save_response(response)
            print(response.id, flush=True)

    await asyncio.gather(*(submitter() for _ in range(concurrency)))
    store.close()


if __name__ == "__main__":
    asyncio.run(write(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
