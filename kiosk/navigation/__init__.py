"""Pure page-tree view models, interface strings and accessibility sizes (no Qt)."""
