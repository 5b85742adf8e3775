"""The workflow kernel: every state machine in Frontdoor is declared as a table and run here.

- `machine.StateMachine`: a table of steps (action name -> the states it may start from, the
  state it leaves the record in), read as the whole workflow on one screen;
- `compare_and_set.move`: the only way a record's status changes, so that two workers can
  never both take the same step;
- `errors`: the one hierarchy of workflow errors, which pages and the API answer alike;
- `diagram`: the Mermaid diagram of each machine, written into docs/ by
  `manage.py workflow_diagrams` (a test fails when one is stale).

Apps declare their machines in their own `workflow.py` (data and pure rules, no database);
the kernel knows none of them by name.
"""
