"""Benchmarks: synthetic national-scale data (`bench.generate`) and page timings (`bench.load`)."""
