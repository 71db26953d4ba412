"""Citizen promises and the notices about them: what police and municipality commit to after a
dialogue (`promise`), read from its TOML file (`loader`), kept as JSON in the store
(`serialize`), and what a resident who asked to hear back is told (`notice_text`).

Pure, like the rest of `survey/`: the campaign and the walk never import this package.
"""
