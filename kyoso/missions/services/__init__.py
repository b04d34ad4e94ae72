"""Write operations of the missions app (one module per area).

- :mod:`.common`: the refusal type, rule checks, reindexing and notifications every write shares
- :mod:`.missions`: drafting, editing, publishing (completeness), closing, questions, the
  deadline closing on read and from ``close_missions``
- :mod:`.applications`: applying, moving an application's status (the accepted count by a
  conditional UPDATE: never more accepted than places), messages
"""
