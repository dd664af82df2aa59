"""The command line's commands, one module each, over the Python API (mgcalc.api)."""
