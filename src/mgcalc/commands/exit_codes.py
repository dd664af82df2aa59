"""Exit codes: the README's table, in one place."""

EXIT_OK = 0
EXIT_ERROR = 1  # a value mgcalc understood but rejects
EXIT_USAGE = 2  # a malformed command line
EXIT_ABOVE_UL = 3  # check --exit-code: supplements above the UL
EXIT_ROWS_FAILED = 4  # some input rows failed; the good ones were written
EXIT_INTERNAL = 70  # a bug, still reported in one line
EXIT_OUTPUT = 74  # the output could not be written: stdout closed, a full disk
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_BROKEN_PIPE = 141  # the reader of stdout went away
