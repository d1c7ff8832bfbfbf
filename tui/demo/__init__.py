"""The demo and benchmark book generator: deterministic, sized by parameters (see generator.py)."""
