"""Text normalisation shared by the loader (at ingest) and the engine (per question)."""
