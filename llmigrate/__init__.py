"""llmigrate: migrate C to Rust one function at a time."""

__version__ = "0.1.0"
