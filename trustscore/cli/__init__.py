"""The command line: one module per command, registered in :mod:`trustscore.cli.app`."""
