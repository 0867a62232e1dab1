"""Read: the only code that opens the user's files, and the file format declared once.

The entry point is `netjournal.read.journal.read_journal`.
"""
