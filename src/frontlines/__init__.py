"""frontlines: news reports of fighting in, maps of who held what on each date out."""

__version__ = "0.1.0"
