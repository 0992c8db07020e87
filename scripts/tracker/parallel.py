"""Spread a large job over the machine's cores (two, on the project's machines).

Loading 10,000 entry files and writing their pages are the generator's two big loops; each item
is independent, so they run in forked worker processes when there are enough items to be worth
the start-up (about 50 ms). Workers inherit the parent's memory (the loaded site model), so only
the items' results travel back. Output never depends on which worker did what: results come
back in input order, and every file written depends only on its own item.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 1000  # items; below this one process is quicker (tests lower it to cover both paths)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parallel_map(func: Callable[[T], R], items: Sequence[T], per_item: int = 1) -> list[R]:
    """func over items, in order; in forked workers when there are many (items × per_item) and
    several cores."""
    workers = min(cores(), 8)
    if len(items) * per_item < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(func, items, chunksize=max(1, len(items) // (workers * 8)))
