"""The evidence_scenario XBlock: a branching evidence-handling exercise, graded on the server."""
