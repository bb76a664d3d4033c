"""Pure functions over plain records: no printing, no clock, no files."""
