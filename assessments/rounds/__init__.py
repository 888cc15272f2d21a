"""Several respondents: a round, its answers combined, its page."""
