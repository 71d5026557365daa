"""The session report and the data exports (PDF, ODT, CSV, JSON, PNG, Markdown).

``content`` builds a report as plain blocks (no Qt) from the session and each
step's ``report`` hook (see ``core.registry.ExerciseKind``); ``document`` lays
the blocks out for the PDF and the ODT, ``markdown`` writes the summary,
``data`` the CSV and JSON, ``boards`` the PNG images (the projector views,
painted offscreen); ``export`` writes the chosen formats atomically. No
window opens here: File > Export report is ``ui.exportdialog``.
"""
