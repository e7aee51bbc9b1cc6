"""The portfolio store: what ``batch --record`` keeps between runs, in SQLite."""
