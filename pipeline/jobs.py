"""Spreading independent work over processes (``--jobs``), keeping the order of the
results, so that the output is the same whatever the number of jobs."""
from __future__ import annotations

import os
from typing import Any, Callable, Iterable


def resolve_jobs(jobs: int) -> int:
    """The number of processes for ``--jobs N``: N, or one per CPU for 0."""
    if jobs < 0:
        raise ValueError("--jobs must be 0 (one per CPU) or more")
    if jobs == 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1
    return jobs


def run_in_processes(function: Callable[[Any], Any], tasks: Iterable[Any], workers: int,
                     initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> list[Any]:
    """``[function(task) for task in tasks]`` in ``workers`` processes, each set up
    once by ``initializer(*initargs)``; results in the order of the tasks. An
    exception in a task is raised here, as it would be in one process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    tasks = list(tasks)
    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker in a millisecond; spawn (elsewhere) re-imports the package.
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, len(tasks) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer,
                             initargs=initargs) as pool:
        return list(pool.map(function, tasks, chunksize=chunk))
