"""Search quality: a labelled set of Japanese queries and the harness that measures the search
against it (docs/search-quality.md)."""
