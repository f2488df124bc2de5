"""Django-free Chinese text intelligence: normalise, find duplicates, route, cluster, check replies.

Heavy resources (OpenCC, jieba, models) load lazily on first use and are cached.
"""

from xieshang.textintel.normalize import normalize

__all__ = ["normalize"]
