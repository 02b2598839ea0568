"""Output: one CSV or Parquet file per raw table, and the defect manifest.

Batches are appended as they come (CSV appends, Parquet row groups), so
memory stays bounded. Every column is text, in contract order; a missing
value is an empty field (CSV) or a null (Parquet). ``_defects.csv`` lists
every injected defect as ``table,record_key,defect``, tables in contract
order.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from cx_metrics.contract import contract
from cx_metrics.generate.columns import Batch
from cx_metrics.generate.defects import DefectInjector

DEFECTS_FILE = "_defects.csv"
FORMATS = ("csv", "parquet")


class Sink:
    """Appends batches to one file per raw table and collects the defect manifest."""

    def __init__(self, out_dir: Path, fmt: str, injector: DefectInjector) -> None:
        self.out_dir = out_dir
        self.inject = injector
        self.counts = {name: 0 for name in contract()}
        self._writers = {}
        self._manifests = {}
        for name, table in contract().items():
            schema = pa.schema([(column, pa.string()) for column in table.column_names])
            path = out_dir / f"{name}.{fmt}"
            if fmt == "csv":
                options = pa_csv.WriteOptions(include_header=True, quoting_style="needed")
                self._writers[name] = pa_csv.CSVWriter(str(path), schema, write_options=options)
            else:
                self._writers[name] = pq.ParquetWriter(str(path), schema, compression="snappy")

    def put(self, batch: Batch) -> None:
        table, manifest = self.inject(batch)
        self._writers[batch.table].write_table(table)
        self.counts[batch.table] += table.num_rows
        if manifest is not None and manifest.num_rows:
            if batch.table not in self._manifests:
                path = self.out_dir / f"{DEFECTS_FILE}.{batch.table}.part"
                options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
                self._manifests[batch.table] = (path, pa_csv.CSVWriter(str(path), manifest.schema,
                                                                       write_options=options))
            self._manifests[batch.table][1].write_table(manifest)

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        with open(self.out_dir / DEFECTS_FILE, "wb") as out:
            out.write(b"table,record_key,defect\n")
            for name in contract():
                if name in self._manifests:
                    path, writer = self._manifests[name]
                    writer.close()
                    out.write(path.read_bytes())
                    path.unlink()
