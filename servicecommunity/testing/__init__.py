"""Data for tests and benchmarks: the synthetic community generator."""
