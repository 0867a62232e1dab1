"""Formats shared with other tools: iCalendar, vCard, LinkedIn's CSV, CSV and JSON.

Pure functions between text and the model (or the writer's field mappings); the commands
that read and write the files are in cli/.
"""
