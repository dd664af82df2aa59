"""The pure core: chemistry, units, forms, items and arithmetic. No I/O, no click, no rich."""
