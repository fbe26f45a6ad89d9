"""planmine: find and frame co-creation (samskaping) in Norwegian municipal plans."""

__version__ = "0.1.0"
