"""mgcalc: elemental magnesium in supplements, and daily totals against reference intakes."""
