"""The child's record, read whole: everything the council knows about one child, gathered from
every app (contacts and decisions, relatives and the adults referrers named, the clocks still
running, the timeline and the chronology).

It reads across the domain apps, so it sits above them and below the pages (the import contract
in .importlinter); no domain app depends on it. Every reader here is given a person already
opened through `people.queries.get_person_for`, so the restriction has been decided.
"""
