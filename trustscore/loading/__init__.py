"""Loading: bytes on disk to validated models, with every problem positioned."""
