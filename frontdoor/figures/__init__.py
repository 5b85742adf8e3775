"""The figures kernel: one home for management information (docs/adr/0021).

- `periods`: calendar months and weeks in UK time (`Month`, `Week`), the months a page covers
  (`Period`), the allow-listed choice of how many, and the SQL that puts a stored time in its
  month or week (`span_of`);
- `figure`: a figure as a page shows it (`Figure`: title, definition, headline, chart, table),
  each count in its table carrying the key to the records behind it (`Cell`);
- `charts`: the one SVG chart renderer (server-side, named for assistive technology, no
  JavaScript; the page puts the same numbers in a table beside it);
- `percentages`: the one percentage, and its words ("No data" for 0 of 0);
- `spikes`: the one rule for when a count is a spike, which needs enough history before it.

Apps declare their measures (which rows, which counts, which words) and return these types; the
kernel knows no app by name and imports nothing from them (it sits below them, with
`timescales`, whose UK time it uses).
"""
