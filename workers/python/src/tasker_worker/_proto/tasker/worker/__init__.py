"""Generated from proto/ by workers/python/generate.py; never edit by hand."""
