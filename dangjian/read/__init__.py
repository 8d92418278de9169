"""Reading: a workbook file (or live sheets) → grids → typed records with their cells."""
