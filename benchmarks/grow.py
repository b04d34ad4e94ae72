"""Grow a kept benchmark data set without measuring it (for profiling a query by hand)::

    python -m benchmarks.grow --database-url postgres://postgres@127.0.0.1:5432/kyoso_bench_x \\
        --size 100000

The database is created when missing (PostgreSQL; its name must contain "bench"), migrated,
and grown to ``--size`` generated issues, indexed for search, as ``benchmarks.issues`` does.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--data-dir", help="for SQLite: where the database file is kept")
    args = parser.parse_args(argv)
    if args.database_url.startswith("postgres"):
        from benchmarks.run import postgres_ensure

        postgres_ensure(args.database_url)

    from benchmarks.issues import _setup

    _setup(args.database_url, args.data_dir)
    from benchmarks.corpus import Corpus
    from benchmarks.populate import BulkIndexer, Timings, grow_to

    indexer = BulkIndexer()
    try:
        grow_to(args.size, Corpus(), indexer=indexer, timings=Timings())
    finally:
        indexer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
