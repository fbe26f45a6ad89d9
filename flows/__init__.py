"""Prefect wiring for planmine: flows call pipeline/ and hold no analysis logic of their own."""
