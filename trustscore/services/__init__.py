"""Services: each runs one command's work (load, score, assemble) and returns its result."""
