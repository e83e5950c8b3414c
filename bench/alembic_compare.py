#!/usr/bin/python3
"""Alembic's compare_metadata over the benchmark's schema, the yardstick of issue 11.

The SQLAlchemy metadata declares what generate.py's entities declare: 11 columns per table, a foreign-key
chain, an index and a unique constraint per table, a sequence each. Prints how many differences Alembic finds.

usage: alembic_compare.py N postgresql://user@host:port/database
"""
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData,
                        Numeric, Sequence, String, Table, Text, UniqueConstraint, create_engine)
from sqlalchemy.dialects.postgresql import UUID


def metadata(n):
    width = max(4, len(str(n - 1)))
    meta = MetaData()
    for i in range(n):
        name = "e%0*d" % (width, i)
        last = (Column("note", Text) if i == 0
                else Column("parent_id", BigInteger, ForeignKey("e%0*d.id" % (width, i - 1))))
        Sequence(name + "_seq", increment=50, metadata=meta)
        Table(name, meta,
              Column("id", BigInteger, primary_key=True, autoincrement=False),
              Column("name", String(100), nullable=False),
              Column("code", String(40), nullable=False),
              Column("amount", Numeric(12, 2)),
              Column("quantity", Integer),
              Column("active", Boolean, nullable=False),
              Column("created_at", DateTime, nullable=False),
              Column("valid_on", Date),
              Column("status", String(20), nullable=False),
              Column("external_id", UUID(as_uuid=True)),
              last,
              Index("ix_%s_name" % name, "name"),
              UniqueConstraint("code", name="uk_%s_code" % name))
    return meta


def main():
    n = int(sys.argv[1])
    # SQLAlchemy orders tables by their foreign keys recursively: a chain of N tables needs that depth
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20 * n + 1000))
    engine = create_engine(sys.argv[2].replace("postgresql://", "postgresql+psycopg2://", 1))
    with engine.connect() as connection:
        # autogen's version table is what alembic_version is to Alembic: not part of the model
        context = MigrationContext.configure(connection, opts={
            "include_name": lambda name, kind, parent: not (kind == "table" and name == "autogen_version")})
        differences = compare_metadata(context, metadata(n))
    print("Alembic found %d differences in %d tables" % (len(differences), n))
    for difference in differences[:5]:
        print("  %s" % (difference,))


if __name__ == "__main__":
    # the recursion over a chain of 10,000 foreign keys outgrows the main thread's C stack (a segmentation fault):
    # it runs in a thread with a stack of its own
    import threading
    threading.stack_size(1024 * 1024 * 1024)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
