"""mgcalc: elemental magnesium in supplements, and daily totals against reference intakes."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it
