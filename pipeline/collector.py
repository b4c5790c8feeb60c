"""Pausing Python's cyclic garbage collector while a stage builds many long-lived objects."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(keep: bool = False) -> Iterator[None]:
    """No cyclic collection inside the block.

    Each pass of the collector walks every object the process holds, and a stage
    that makes hundreds of thousands of objects that it keeps (the problems of a
    large corpus, the rows of a corpus-wide rule) starts a pass every few hundred
    of them: at a million entries that is a second of a 4 s re-lint, and four of
    five seconds of grouping the duplicate-question rule's keys. Code run inside
    must not drop cycles (tests/test_corpus_store.py checks the second stage of
    `faq lint`): reference counting alone frees what it throws away.

    ``keep``: what the block built lives on until the run ends (`faq lint`'s
    problems). It is then moved out of the collector's sight (`gc.freeze`) as the
    block ends; otherwise the first allocation after the block would start a pass
    over all of it, only to find it alive (a quarter of a second at a million
    entries). Frozen objects are still freed by reference counting, but a cycle
    among them is never collected: what is kept must not hold one (a rule and its
    corpus index do not). Freezing takes every object the process holds, so it
    suits a process that ends after its run, as faq's commands do."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if keep:
                gc.freeze()
            gc.enable()
