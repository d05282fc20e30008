"""`make bench`: the bot measured at scale on a synthetic corpus (see bot/bench/__main__.py)."""
