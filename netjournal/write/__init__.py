"""The inverse of read/: contact and journal files written through python-frontmatter,
atomically, never over a file that is already there."""
