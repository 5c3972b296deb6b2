"""Analysis over the store: what several documents say together."""
