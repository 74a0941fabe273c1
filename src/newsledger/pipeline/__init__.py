"""The main job, stage by stage: ingest → clean → parse → extract → link →
corroborate → store. Orchestration only: each stage is a library function; the
ledger is the only I/O besides reading inputs."""

from newsledger.pipeline.progress import Progress, Reporter
from newsledger.pipeline.run import RunSummary, ingest_inputs, ingest_raw, run, run_raw

__all__ = ["Progress", "Reporter", "RunSummary", "ingest_inputs", "ingest_raw", "run", "run_raw"]
