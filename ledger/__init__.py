"""factcheck ledger: find, frame, validate and cross-check numeric claims in financial news.

Pipeline (one module each): sources -> numbers -> framing -> schema/store -> crosscheck -> report,
with cli.py as a thin layer on top.
"""
__version__ = "0.1.0"
