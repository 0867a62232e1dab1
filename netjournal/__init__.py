"""netjournal: a networking journal kept as plain Markdown, turned into a private website."""
