"""Write operations of the challenges app (one module per area).

- :mod:`.common`: the refusal type, rule checks, reindexing and notifications every write shares
- :mod:`.challenges`: drafting, editing, publishing (opening the screening round), closing,
  the append-only status history, follows
- :mod:`.qa`: public questions and the poster's answers (followers are told)
- :mod:`.proposals`: proposing (one per organization, until the deadline), editing, PDF
  attachments, and what a decision does to a proposal (the screening adapter calls it)
"""
