"""The curation mutations' writes: one write transaction per mutation.

`transaction` runs it (curation record, new sources, the fact); `sources`, `events`,
`votes` and `statements` each hold one kind of fact, and `party` re-derives PARTY_TO.
"""
