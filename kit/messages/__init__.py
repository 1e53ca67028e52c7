"""The kit's user-facing Chinese texts, one module per area (kit.messages.<area>).

Rules, the command line, the form and the servers read their texts from here, so a message is
written once, is the same wherever it appears, and can be reviewed in one place. A text with
blanks to fill is a function returning the finished sentence (arguments named after what they
hold); a fixed text is a constant.
"""
