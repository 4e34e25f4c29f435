"""``factcheck check``'s output code as it was before branch perf2 made it faster
(``ledger/render.py``, ``ledger/crosscheck/text.py``, ``ledger/crosscheck/issues.py``
at 5e850bb, imports pointed at each other): the oracle the text and JSON output
are held to byte for byte (tests/cli/test_check_output_identical.py).  Not fast,
not to be changed with the library."""
