"""The benchmark: synthetic municipalities of 100 to 5,000 companies, every stage timed against its baseline."""
