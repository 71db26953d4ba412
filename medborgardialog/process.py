"""How one process of the product runs: its event loop and its garbage collection."""

from __future__ import annotations

import asyncio
import gc

# Python's default is 700: under load the youngest objects were collected some 40 times a
# second, at about 0.7 ms each; at this threshold a few times in a run of the submit bench.
GC_YOUNG_THRESHOLD = 7000


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it is installed (not on Windows), else asyncio's own loop. The server
    spends less CPU per request in uvloop's loop and transports (5% less per stored answer
    in the submit bench)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def tune_garbage_collection() -> None:
    """Leave what start-up built (campaigns, catalogs, the app) out of every later
    collection, and collect young objects less often. A full collection under load scanned
    the start-up objects too and held the server for about 40 ms; now about 10 ms."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
