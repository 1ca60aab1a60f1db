"""Report: the run journal rendered as HTML, Markdown and JSON, and the console summary."""
