"""Performance benchmarks. Each prints our figure beside the reference it must be compared to."""
