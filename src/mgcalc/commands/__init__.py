"""One module per command, imported only when that command runs (see cli.MgcalcGroup)."""
