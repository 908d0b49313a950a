"""Resident (RSS) and proportional (PSS) memory of a gunicorn master's workers, from /proc."""

from pathlib import Path


def children(pid):
    """The direct children of ``pid`` (gunicorn's workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return sorted(found)


def memory_mb(pid):
    """(RSS, PSS) of one process in MB; PSS shares each page among the processes mapping it."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts and parts[0] in ("Rss:", "Pss:"):
            values[parts[0][:-1]] = int(parts[1]) / 1024
    return values.get("Rss", 0.0), values.get("Pss", 0.0)


def print_workers(master_pid, title="worker memory"):
    workers = children(master_pid)
    print(f"\n{title} (master {master_pid}):")
    rss, pss = memory_mb(master_pid)
    print(f"  master      RSS {rss:6.1f} MB  PSS {pss:6.1f} MB")
    for pid in workers:
        rss, pss = memory_mb(pid)
        print(f"  worker {pid:<5} RSS {rss:6.1f} MB  PSS {pss:6.1f} MB")
    return workers
