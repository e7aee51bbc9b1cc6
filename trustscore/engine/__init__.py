"""The scoring engine: pure functions from (Rubric, Assessment) to Report. No I/O."""
