"""Write operations of the communities app (one module per area).

- :mod:`.common`: the refusal type, rule checks and search reindexing every write shares
- :mod:`.communities`: ``community_create``, ``community_update``, linking issues
- :mod:`.membership`: joining, deciding requests, leaving, leaders, mail subscription
- :mod:`.board`: posts and comments
- :mod:`.messaging`: leaders' mail to the members (rate-limited) and one-click unsubscribe
"""
