"""Spreading independent work over processes (``--jobs``), keeping the order of the
results, so that the output is the same whatever the number of jobs."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable


# Where a container's CPU quota is: cgroup v2, then v1 (quota and period files).
CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
CGROUP_V1_QUOTA = (Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us"))


# Work holding this many bytes or more (files to lint, sources to read) is spread
# over one process per CPU unless --jobs says otherwise: about a second of work in
# one process, against ~30 ms to start a pool by fork.
AUTO_JOBS_BYTES = 2 * 2**20


def auto_jobs(work_bytes: int) -> int:
    """``--jobs`` when none is given: 0 (one process per CPU) for work of
    `AUTO_JOBS_BYTES` or more, else 1."""
    return 0 if work_bytes >= AUTO_JOBS_BYTES else 1


def size_of(path: Path) -> int:
    """A file's size, to weigh the work for `auto_jobs` (0 if it cannot be seen:
    reading it will say why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def resolve_jobs(jobs: int) -> int:
    """The number of processes for ``--jobs N``: N, or one per CPU for 0."""
    if jobs < 0:
        raise ValueError("--jobs must be 0 (one per CPU) or more")
    return available_cpus() if jobs == 0 else jobs


def available_cpus() -> int:
    """The CPUs this process may use: those its affinity mask allows, and no more
    than a container's CPU quota grants (a CI container given 2 CPUs of a 64-CPU
    host sees 64 in its mask, and 64 workers would only wait for each other)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        count = os.cpu_count() or 1
    quota = _cpu_quota()
    return max(1, min(count, quota) if quota is not None else count)


def _cpu_quota() -> int | None:
    """Whole CPUs of the cgroup's quota (at least 1), or None when there is none."""
    try:
        fields = CGROUP_CPU_MAX.read_text().split()
        limit, period = fields[0], fields[1]
    except (OSError, IndexError):
        try:
            limit, period = (path.read_text().strip() for path in CGROUP_V1_QUOTA)
        except (OSError, ValueError):
            return None
    try:
        if limit == "max" or int(limit) <= 0 or int(period) <= 0:  # v1 says -1 for none
            return None
        return max(1, int(limit) // int(period))
    except ValueError:
        return None


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
