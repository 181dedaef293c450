"""The client portal; reads through the domain apps' selectors. Nothing imports this app."""
